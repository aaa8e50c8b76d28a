// Bundled by runtimes.test.ts and run in workerd (miniflare): POST / is the web handler, with
// ctx.waitUntil; GET /ran reports what the listeners saw.
import { createZoomWebhookHandler } from "../../src/index.js";
import { runtimeName } from "./runtime-name.js";

interface Env {
  SECRET: string;
}
const ran: string[] = [];
let handler: ReturnType<typeof createZoomWebhookHandler> | undefined;

export default {
  async fetch(
    request: Request,
    env: Env,
    ctx: { waitUntil(work: Promise<unknown>): void },
  ): Promise<Response> {
    if (request.method === "GET") return Response.json({ runtime: runtimeName(), ran });
    handler ??= createZoomWebhookHandler({ secret: env.SECRET, dedupe: false })
      .on("recording.completed", ({ body }) => {
        ran.push(body.payload.object.topic);
      })
      .onUnknown((event) => {
        ran.push(event.event);
      });
    return handler(request, ctx);
  },
};
