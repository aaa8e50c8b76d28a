import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import {
  createZoomWebhookHandler,
  type DedupeStore,
  memoryDedupe,
  type ZoomWebhookEvent,
} from "../src/index.js";
import {
  completedEvent,
  examples,
  NOW_S,
  now,
  OTHER_SECRET,
  SECRET,
  signedRequest,
} from "./helpers.js";

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("createZoomWebhookHandler", () => {
  it("answers URL validation itself, with the secret that signed it", async () => {
    const validation = examples["endpoint.url_validation"];
    for (const secret of [SECRET, OTHER_SECRET]) {
      const handler = createZoomWebhookHandler({ secret: [SECRET, OTHER_SECRET], now });
      const response = await handler(signedRequest(validation as object, { secret }));
      expect(response.status).toBe(200);
      const plainToken = "qgg8vlvZRS6UYooatFL8Aw";
      expect(await response.json()).toEqual({
        plainToken,
        encryptedToken: createHmac("sha256", secret).update(plainToken).digest("hex"),
      });
    }
  });

  it("refuses an unsigned URL validation (401), answering no token", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const request = signedRequest(examples["endpoint.url_validation"] as object, {
      headers: { "x-zm-signature": null },
    });
    const response = await handler(request);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "missing_header" });
  });

  it("routes a verified event to its typed listener, after answering 200", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const seen: string[] = [];
    handler.on("recording.completed", ({ body }) => {
      seen.push(`${body.payload.object.topic} ${body.download_token.length > 0}`);
    });
    handler.on("recording.trashed", () => {
      seen.push("trashed");
    });
    const response = await handler(signedRequest(completedEvent("Board meeting")));
    expect(response.status).toBe(200);
    expect(seen).toEqual([]);
    await settle();
    expect(seen).toEqual(["Board meeting true"]);
  });

  it.each<{ given: string; headers: Record<string, null>; tamper: boolean; status: number }>([
    { given: "a tampered body", headers: {}, tamper: true, status: 401 },
    { given: "no signature", headers: { "x-zm-signature": null }, tamper: false, status: 401 },
    {
      given: "no timestamp",
      headers: { "x-zm-request-timestamp": null },
      tamper: false,
      status: 401,
    },
  ])("answers $status to $given and runs no listener", async ({ headers, tamper, status }) => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const listener = vi.fn();
    handler.on("recording.completed", listener);
    let request = signedRequest(completedEvent(), { headers });
    if (tamper) {
      const text = (await request.text()).replace("Weekly sync", "Weekly sinc");
      request = new Request(request.url, { method: "POST", headers: request.headers, body: text });
    }
    expect((await handler(request)).status).toBe(status);
    await settle();
    expect(listener).not.toHaveBeenCalled();
  });

  it("answers a stale event 401 and runs nothing", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const listener = vi.fn();
    handler.on("recording.completed", listener);
    const response = await handler(signedRequest(completedEvent(), { timestamp: NOW_S - 3600 }));
    expect([response.status, await response.json()]).toEqual([401, { error: "stale" }]);
    await settle();
    expect(listener).not.toHaveBeenCalled();
  });

  it("answers 413 to a body over the cap, from content-length, before reading it", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now, maxBodyBytes: 1000 });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const response = await handler(
      new Request("http://receiver.test/", {
        method: "POST",
        headers: { "content-length": "5000000" },
        body: endless,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops reading an endless body without content-length at the cap", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now, maxBodyBytes: 100_000 });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const request = new Request("http://receiver.test/", {
      method: "POST",
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect((await handler(request)).status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it("answers 405 to anything but POST", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const response = await handler(new Request("http://receiver.test/", { method: "GET" }));
    expect([response.status, response.headers.get("allow")]).toEqual([405, "POST"]);
  });

  it("runs a listener once when Zoom redelivers the same event (new timestamp, new token)", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const listener = vi.fn();
    handler.on("recording.completed", listener);
    const first = completedEvent();
    const retry = { ...completedEvent(), download_token: "a-new-token-on-redelivery" };
    expect((await handler(signedRequest(first))).status).toBe(200);
    expect((await handler(signedRequest(retry, { timestamp: NOW_S + 60 }))).status).toBe(200);
    const other = completedEvent();
    (other.payload.object as { uuid: string }).uuid = "another-meeting-uuid==";
    expect((await handler(signedRequest(other))).status).toBe(200);
    await settle();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("dedupes events without an object (batch events) on their bytes", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const listener = vi.fn();
    handler.on("recording.batch_trashed", listener);
    const batch = examples["recording.batch_trashed"] as object;
    await handler(signedRequest(batch));
    await handler(signedRequest(batch, { timestamp: NOW_S + 1 }));
    await settle();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("runs every delivery with dedupe: false", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now, dedupe: false });
    const listener = vi.fn();
    handler.on("recording.completed", listener);
    await handler(signedRequest(completedEvent()));
    await handler(signedRequest(completedEvent()));
    await settle();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("memoryDedupe forgets its oldest keys past maxEntries", () => {
    const store = memoryDedupe(2);
    expect([store.claim("a"), store.claim("b"), store.claim("a")]).toEqual([true, true, false]);
    expect([store.claim("c"), store.claim("a"), store.claim("c")]).toEqual([true, true, false]);
    expect(() => memoryDedupe(0)).toThrow(TypeError);
  });

  it("awaits enqueue before answering; a failing enqueue answers 500 and forgets the event", async () => {
    const claimed = new Set<string>();
    const store: DedupeStore = {
      claim: (key) => !claimed.has(key) && Boolean(claimed.add(key)),
      release: (key) => {
        claimed.delete(key);
      },
    };
    let fail = true;
    const queued: ZoomWebhookEvent[] = [];
    const handler = createZoomWebhookHandler({
      secret: SECRET,
      now,
      dedupe: store,
      onError: () => {},
      enqueue: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new Error("disk full");
        queued.push(event);
      },
    });
    expect((await handler(signedRequest(completedEvent()))).status).toBe(500);
    expect(claimed.size).toBe(0);
    fail = false;
    expect((await handler(signedRequest(completedEvent()))).status).toBe(200);
    expect(queued.map((e) => e.event)).toEqual(["recording.completed"]);
  });

  it("hands the listeners' work to waitUntil when the platform gives one", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    let done = false;
    handler.on("recording.completed", async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      done = true;
    });
    const kept: Promise<unknown>[] = [];
    const response = await handler(signedRequest(completedEvent()), {
      waitUntil: (work) => kept.push(work),
    });
    expect([response.status, kept.length, done]).toEqual([200, 1, false]);
    await kept[0];
    expect(done).toBe(true);
  });

  it("delivers unknown events to onUnknown only", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    const unknown = vi.fn();
    const completed = vi.fn();
    handler.onUnknown(unknown).on("recording.completed", completed);
    const clip = { event: "clip.completed", event_ts: 5, payload: { object: { id: "c1" } } };
    expect((await handler(signedRequest(clip))).status).toBe(200);
    await settle();
    expect(unknown).toHaveBeenCalledWith(
      expect.objectContaining({ known: false, event: "clip.completed" }),
    );
    expect(completed).not.toHaveBeenCalled();
  });

  it("answers 500 (so Zoom redelivers) when the dedupe store fails, without crashing", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = createZoomWebhookHandler({
      secret: SECRET,
      now,
      dedupe: { claim: () => Promise.reject(new Error("redis down")) },
    });
    expect((await handler(signedRequest(completedEvent()))).status).toBe(500);
    spy.mockRestore();
  });

  it("checks its secrets when created", () => {
    expect(() => createZoomWebhookHandler({ secret: [] })).toThrow(TypeError);
  });
});
