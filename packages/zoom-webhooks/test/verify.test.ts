import { inspect } from "node:util";
import { signZoomWebhook } from "@clipkit/testing";
import { describe, expect, it } from "vitest";
import {
  ClipKitError,
  verifyZoomWebhook,
  type ZoomWebhookRefusal,
  ZoomWebhookVerificationError,
} from "../src/index.js";
import { completedEvent, NOW_S, now, OTHER_SECRET, SECRET } from "./helpers.js";

const body = JSON.stringify(completedEvent());
const signed = signZoomWebhook(body, SECRET, { timestamp: NOW_S });
const signature = signed.headers["x-zm-signature"];

async function refusal(
  rawBody: Uint8Array,
  headers: Record<string, string | string[] | undefined>,
  options: Partial<Parameters<typeof verifyZoomWebhook>[2]> = {},
): Promise<ZoomWebhookVerificationError> {
  const error = await verifyZoomWebhook(rawBody, headers, { secret: SECRET, now, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZoomWebhookVerificationError);
  return error as ZoomWebhookVerificationError;
}

describe("verifyZoomWebhook", () => {
  it("accepts Zoom's signature over the raw bytes and hands out the typed event", async () => {
    const event = await verifyZoomWebhook(signed.body, signed.headers, { secret: SECRET, now });
    expect(event.known && event.event).toBe("recording.completed");
    if (event.known && event.event === "recording.completed") {
      expect(event.body.payload.object.topic).toBe("Weekly sync");
      expect(event.timestamp).toBe(NOW_S);
    }
  });

  it("takes fetch Headers, ArrayBuffer bodies and header names in any case", async () => {
    const headers = new Headers(signed.headers);
    const buffer = signed.body.slice().buffer;
    await expect(verifyZoomWebhook(buffer, headers, { secret: SECRET, now })).resolves.toBeTruthy();
    const upper = {
      "X-ZM-Request-Timestamp": signed.headers["x-zm-request-timestamp"],
      "X-Zm-Signature": signature.toUpperCase().replace("V0=", "v0="),
    };
    await expect(
      verifyZoomWebhook(signed.body, upper, { secret: SECRET, now }),
    ).resolves.toBeTruthy();
  });

  it("takes any Headers-like object with get() (another realm's, a framework's)", async () => {
    const map = new Map(Object.entries(signed.headers));
    const headersLike = { get: (name: string) => map.get(name.toLowerCase()) ?? null };
    await expect(
      verifyZoomWebhook(signed.body, headersLike, { secret: SECRET, now }),
    ).resolves.toMatchObject({ event: "recording.completed" });
  });

  it("accepts either secret during a rotation", async () => {
    const old = signZoomWebhook(body, OTHER_SECRET, { timestamp: NOW_S });
    for (const request of [signed, old]) {
      const event = await verifyZoomWebhook(request.body, request.headers, {
        secret: [SECRET, OTHER_SECRET],
        now,
      });
      expect(event.event).toBe("recording.completed");
    }
    expect((await refusal(old.body, old.headers)).reason).toBe("bad_signature");
  });

  it("delivers an event the spec does not know as an unknown event, not a refusal", async () => {
    const clip = { event: "clip.completed", event_ts: 1, payload: { object: { clip_id: "c" } } };
    const request = signZoomWebhook(clip, SECRET, { timestamp: NOW_S });
    const event = await verifyZoomWebhook(request.body, request.headers, { secret: SECRET, now });
    expect(event).toMatchObject({ known: false, event: "clip.completed", body: clip });
  });

  const ts = String(NOW_S);
  const cases: Array<{
    given: string;
    body?: Uint8Array | string;
    headers: Record<string, string | string[] | undefined>;
    options?: Partial<Parameters<typeof verifyZoomWebhook>[2]>;
    want: ZoomWebhookRefusal;
  }> = [
    {
      given: "no signature header",
      headers: { "x-zm-request-timestamp": ts },
      want: "missing_header",
    },
    {
      given: "no timestamp header",
      headers: { "x-zm-signature": signature },
      want: "missing_header",
    },
    {
      given: "an empty signature",
      headers: { "x-zm-request-timestamp": ts, "x-zm-signature": "" },
      want: "missing_header",
    },
    {
      given: "a signature without v0=",
      headers: { "x-zm-request-timestamp": ts, "x-zm-signature": signature.slice(3) },
      want: "malformed_header",
    },
    {
      given: "a v1= signature",
      headers: { "x-zm-request-timestamp": ts, "x-zm-signature": `v1=${signature.slice(3)}` },
      want: "malformed_header",
    },
    {
      given: "a short signature",
      headers: { "x-zm-request-timestamp": ts, "x-zm-signature": signature.slice(0, -2) },
      want: "malformed_header",
    },
    {
      given: "a base64 signature",
      headers: { "x-zm-request-timestamp": ts, "x-zm-signature": "v0=WF9aT09NX1NJR05BVFVSRQ" },
      want: "malformed_header",
    },
    {
      given: "a timestamp in milliseconds-with-dot",
      headers: { "x-zm-request-timestamp": `${ts}.5`, "x-zm-signature": signature },
      want: "malformed_header",
    },
    {
      given: "a negative timestamp",
      headers: { "x-zm-request-timestamp": `-${ts}`, "x-zm-signature": signature },
      want: "malformed_header",
    },
    {
      given: "a signature header sent twice",
      headers: { "x-zm-request-timestamp": ts, "x-zm-signature": [signature, signature] },
      want: "malformed_header",
    },
    {
      given: "another timestamp than the signed one",
      headers: { "x-zm-request-timestamp": String(NOW_S + 1), "x-zm-signature": signature },
      want: "bad_signature",
    },
    {
      given: "a signature by another secret",
      headers: signZoomWebhook(body, "not-the-secret", { timestamp: NOW_S }).headers,
      want: "bad_signature",
    },
    {
      given: "a body re-serialised after parsing",
      body: JSON.stringify(JSON.parse(body), null, 1),
      headers: signed.headers,
      want: "bad_signature",
    },
    {
      given: "a timestamp 301 s old",
      headers: signZoomWebhook(body, SECRET, { timestamp: NOW_S - 301 }).headers,
      want: "stale",
    },
    {
      given: "a timestamp 301 s ahead",
      headers: signZoomWebhook(body, SECRET, { timestamp: NOW_S + 301 }).headers,
      want: "stale",
    },
    {
      given: "a timestamp 61 s old with a 60 s tolerance",
      headers: signZoomWebhook(body, SECRET, { timestamp: NOW_S - 61 }).headers,
      options: { toleranceSeconds: 60 },
      want: "stale",
    },
    {
      given: "a body one byte over the cap",
      headers: signed.headers,
      options: { maxBodyBytes: signed.body.byteLength - 1 },
      want: "too_large",
    },
  ];

  it.each(cases)("refuses $given: $want", async ({ body: given, headers, options, want }) => {
    const raw =
      typeof given === "string" ? new TextEncoder().encode(given) : (given ?? signed.body);
    const error = await refusal(raw, headers, options);
    expect(error.reason).toBe(want);
    expect(error).toBeInstanceOf(ClipKitError);
    expect(error.status).toBe(want === "too_large" ? 413 : 401);
  });

  it("accepts timestamps exactly at the tolerance, both ways", async () => {
    for (const timestamp of [NOW_S - 300, NOW_S + 300]) {
      const request = signZoomWebhook(body, SECRET, { timestamp });
      await expect(
        verifyZoomWebhook(request.body, request.headers, { secret: SECRET, now }),
      ).resolves.toBeTruthy();
    }
  });

  it.each([
    { given: "text", body: "hello" },
    { given: "a JSON array", body: "[1,2]" },
    { given: "JSON without event", body: '{"payload":{}}' },
    { given: "a numeric event", body: '{"event":42}' },
    { given: "invalid UTF-8", body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
  ])("refuses a signed body that is $given: not_json (400)", async ({ body: given }) => {
    const request = signZoomWebhook(given, SECRET, { timestamp: NOW_S });
    const error = await refusal(request.body, request.headers);
    expect([error.reason, error.status]).toEqual(["not_json", 400]);
  });

  it("puts neither the secret nor the signature nor the body in message, toJSON or inspect", async () => {
    const errors = await Promise.all([
      refusal(signed.body, { ...signed.headers, "x-zm-signature": `v0=${"0".repeat(64)}` }),
      refusal(signed.body, signZoomWebhook(body, SECRET, { timestamp: NOW_S - 999 }).headers),
      refusal(signed.body, { ...signed.headers, "x-zm-signature": `${signature}x` }),
    ]);
    for (const error of errors) {
      const shown = [
        error.message,
        JSON.stringify(error),
        inspect(error),
        String(error.stack),
      ].join("\n");
      for (const secret of [
        SECRET,
        signature,
        signature.slice(3),
        "download_token",
        "Weekly sync",
      ]) {
        expect(shown).not.toContain(secret);
      }
    }
  });

  it("refuses an empty secret list when configured, not at the first request", async () => {
    await expect(verifyZoomWebhook(signed.body, signed.headers, { secret: [] })).rejects.toThrow(
      TypeError,
    );
    await expect(verifyZoomWebhook(signed.body, signed.headers, { secret: "" })).rejects.toThrow(
      TypeError,
    );
  });
});
