// Express (or plain node:http): the webhook route gets the raw bytes, never express.json().
import { createZoomWebhookHandler } from "@clipkit/zoom-webhooks";
import { toNodeListener } from "@clipkit/zoom-webhooks/node";
import express from "express";

const zoom = createZoomWebhookHandler({
  // During a rotation: [newSecret, oldSecret]; both are accepted until you drop the old one.
  secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN ?? "",
});

zoom.on("recording.completed", async ({ body }) => {
  // Runs after Zoom has its 200. Slow work belongs in a queue; this is a sketch.
  const { topic, recording_files } = body.payload.object;
  console.log(`recording ready: ${topic}, ${recording_files.length} file(s)`);
});

export const app: express.Express = express();
// Before any app.use(express.json()): a parsed body can no longer be verified.
app.post("/zoom/events", toNodeListener(zoom));
app.use(express.json());
