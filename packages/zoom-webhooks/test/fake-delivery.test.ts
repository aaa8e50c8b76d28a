// End to end with @clipkit/testing's stateful Zoom fake: it delivers recording.completed as
// Zoom does (signed, retried after 5 minutes on a 5xx); the receiver verifies it on the fake's
// clock, takes it once, and its download_token downloads the files.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startZoomFake, type ZoomFake } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createZoomWebhookHandler, type ZoomWebhookEvent } from "../src/index.js";
import { toNodeListener } from "../src/node/index.js";

const SECRET = "fake-delivery-secret";
let fake: ZoomFake | undefined;
let server: Server | undefined;
afterEach(async () => {
  await fake?.close();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  fake = undefined;
  server = undefined;
});

describe("the Zoom fake's recording.completed, received", () => {
  it("is verified, queued once across Zoom's retry, and its token downloads every file", async () => {
    fake = await startZoomFake({ meetingsPerUser: 1 });
    const f = fake;
    let failNext = true;
    const queued: ZoomWebhookEvent[] = [];
    const handler = createZoomWebhookHandler({
      secret: SECRET,
      now: () => f.clock.now(),
      onError: () => {},
      enqueue: (event) => {
        if (failNext) {
          failNext = false;
          throw new Error("queue unavailable");
        }
        queued.push(event);
      },
    });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    f.webhooks.subscribe(`http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom`, SECRET);

    const meeting = f.state.meetings[0];
    if (!meeting) throw new Error("no meeting");
    expect((await f.webhooks.completeRecording(meeting.uuid)).status).toBe(500);
    f.clock.advance(5 * 60_000);
    expect((await f.webhooks.deliverDue()).map((a) => a.status)).toEqual([200]);
    expect(queued).toHaveLength(1);

    const [event] = queued;
    if (!event?.known || event.event !== "recording.completed") throw new Error("not completed");
    expect(event.body.payload.object.uuid).toBe(meeting.uuid);
    for (const file of event.body.payload.object.recording_files) {
      const response = await fetch(file.download_url, {
        headers: { authorization: `Bearer ${event.body.download_token}` },
      });
      expect(response.status).toBe(200);
      const sha = createHash("sha256")
        .update(Buffer.from(await response.arrayBuffer()))
        .digest("hex");
      expect(sha).toBe(f.state.sha256(file.id));
    }
    // Delivered: no further retry, however long the fake clock runs.
    f.clock.advance(2 * 24 * 3600_000);
    expect(await f.webhooks.deliverDue()).toEqual([]);
    expect(f.webhooks.attempts.map((a) => a.status)).toEqual([500, 200]);
  });
});
