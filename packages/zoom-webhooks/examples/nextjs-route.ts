// Next.js App Router: app/zoom/events/route.ts. request.arrayBuffer() is the raw body.
import { createZoomWebhookHandler } from "@clipkit/zoom-webhooks";

const zoom = createZoomWebhookHandler({ secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN ?? "" });

zoom.on("recording.trashed", ({ body }) => {
  console.log(`trashed: ${body.payload.object.uuid}`);
});

/** Next.js's `after()` (next/server, Next 15+) keeps work alive on serverless; passed in here. */
type After = (task: Promise<unknown>) => void;

export function makePost(after?: After) {
  return (request: Request) => zoom(request, after ? { waitUntil: after } : undefined);
}

export const POST = makePost();
