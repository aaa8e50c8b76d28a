// Cloudflare Workers: ctx.waitUntil keeps the listeners running after the answer, and a Queue
// takes what must not be lost (the answer waits for the send, not for the download).
import { createZoomWebhookHandler, type ZoomWebhookHandler } from "@clipkit/zoom-webhooks";

/** What Workers passes to fetch() (from @cloudflare/workers-types, trimmed). */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}
interface Env {
  ZOOM_WEBHOOK_SECRET_TOKEN: string;
  ARCHIVE: { send(message: unknown): Promise<void> };
}

// One handler per isolate, so its in-memory dedupe sees the isolate's earlier deliveries. Across
// isolates, pass `dedupe` a store backed by KV or a Durable Object.
let zoom: ZoomWebhookHandler | undefined;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    zoom ??= createZoomWebhookHandler({
      secret: env.ZOOM_WEBHOOK_SECRET_TOKEN,
      enqueue: async (event) => {
        if (event.known && event.event === "recording.completed")
          await env.ARCHIVE.send(event.body);
      },
    }).on("recording.trashed", ({ body }) => {
      console.log(`trashed: ${body.payload.object.uuid}`);
    });
    return zoom(request, ctx);
  },
};
