// One test per point where Zoom's own SDK, @zoom/rivet 0.4 (its published
// meetings/meetings.mjs), falls short when receiving webhooks. Each would fail against an
// implementation that behaved like it.
import { inspect } from "node:util";
import { signZoomWebhook } from "@clipkit/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createZoomWebhookHandler, verifyZoomWebhook } from "../../src/index.js";
import { completedEvent, NOW_S, now, SECRET, signedRequest } from "../helpers.js";

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("where @zoom/rivet 0.4 falls short", () => {
  it("verifies the raw body: a body that JSON.stringify would rewrite still verifies", async () => {
    // Spacing, key order, escapes and a float rivet's JSON.stringify(payload) would all change.
    const raw =
      '{ "event_ts":1626230691572 ,"event" : "recording.completed",\n\t"payload":{"account_id":"A",' +
      '"object":{"id":1,"uuid":"u==","topic":"caf\\u00e9 \\/ 1.0e2","duration":1.50}},"download_token":"t"}';
    const signed = signZoomWebhook(raw, SECRET, { timestamp: NOW_S });
    const event = await verifyZoomWebhook(signed.body, signed.headers, { secret: SECRET, now });
    expect(event.event).toBe("recording.completed");
    // …and a signature over the re-serialised JSON (what rivet computes) does not pass.
    const reserialised = signZoomWebhook(JSON.stringify(JSON.parse(raw)), SECRET, {
      timestamp: NOW_S,
    });
    await expect(
      verifyZoomWebhook(signed.body, reserialised.headers, { secret: SECRET, now }),
    ).rejects.toMatchObject({ reason: "bad_signature" });
  });

  it("compares in constant time: the decision is crypto.subtle.verify's, never ===", async () => {
    const signed = signZoomWebhook(completedEvent(), SECRET, { timestamp: NOW_S });
    const wrong = { ...signed.headers, "x-zm-signature": `v0=${"ab".repeat(32)}` };
    const verify = vi.spyOn(crypto.subtle, "verify");
    await expect(verifyZoomWebhook(signed.body, wrong, { secret: SECRET, now })).rejects.toThrow();
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]?.[0]).toBe("HMAC");
    // Were the answer taken from a string comparison, this forced "true" would change nothing.
    verify.mockResolvedValueOnce(true);
    await expect(
      verifyZoomWebhook(signed.body, wrong, { secret: SECRET, now }),
    ).resolves.toBeTruthy();
  });

  it("checks the timestamp: a correctly signed request an hour old is refused", async () => {
    const old = signZoomWebhook(completedEvent(), SECRET, { timestamp: NOW_S - 3600 });
    await expect(
      verifyZoomWebhook(old.body, old.headers, { secret: SECRET, now }),
    ).rejects.toMatchObject({ reason: "stale" });
  });

  it.each(["x-zm-signature", "x-zm-request-timestamp"])(
    "refuses a request without %s (rivet accepts one header missing)",
    async (name) => {
      const signed = signZoomWebhook(completedEvent(), SECRET, { timestamp: NOW_S });
      const headers: Record<string, string> = { ...signed.headers };
      delete headers[name];
      await expect(
        verifyZoomWebhook(signed.body, headers, { secret: SECRET, now }),
      ).rejects.toMatchObject({ reason: "missing_header" });
    },
  );

  it("verifies a non-ASCII topic from a base64 (Lambda-style) body as UTF-8 bytes", async () => {
    const topic = "Kundengespräch — Müller & Co.";
    const signed = signZoomWebhook(completedEvent(topic), SECRET, { timestamp: NOW_S });
    const lambdaBody = Buffer.from(signed.body).toString("base64");
    // What rivet does (atob, one char per byte) breaks the bytes; decoding base64 to bytes does not.
    const bytes = Uint8Array.from(Buffer.from(lambdaBody, "base64"));
    const event = await verifyZoomWebhook(bytes, signed.headers, { secret: SECRET, now });
    expect(
      event.known && event.event === "recording.completed" && event.body.payload.object.topic,
    ).toBe(topic);
    const asAscii = new TextEncoder().encode(atob(lambdaBody));
    await expect(
      verifyZoomWebhook(asAscii, signed.headers, { secret: SECRET, now }),
    ).rejects.toMatchObject({ reason: "bad_signature" });
  });

  it("answers before its listeners finish (Zoom's 3-second rule)", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    let started = false;
    handler.on("recording.completed", () => {
      started = true;
      return new Promise(() => {}); // a download that never ends
    });
    const begin = performance.now();
    const response = await handler(signedRequest(completedEvent()));
    expect(response.status).toBe(200);
    expect(performance.now() - begin).toBeLessThan(1000);
    expect(started).toBe(false);
    await settle();
    expect(started).toBe(true);
  });

  it("logs no download_token: not for a failing listener, not when the event is inspected", async () => {
    const lines: string[] = [];
    for (const method of ["log", "error", "warn", "info", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(
          args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 9 }))).join(" "),
        );
      });
    }
    const event = completedEvent();
    const token = String(event.download_token);
    expect(token.length).toBeGreaterThan(20);
    const handler = createZoomWebhookHandler({ secret: SECRET, now });
    let inspected = "";
    handler.on("recording.completed", ({ body }) => {
      inspected = inspect(body, { depth: 9 });
      expect(body.download_token).toBe(token);
      expect(JSON.stringify(body)).toContain(token);
      throw new Error("download failed");
    });
    await handler(signedRequest(event));
    await settle();
    expect(lines.join("\n")).toContain("recording.completed listener failed");
    expect(lines.join("\n")).not.toContain(token);
    expect(inspected).toContain("[redacted]");
    expect(inspected).not.toContain(token);
  });
});
