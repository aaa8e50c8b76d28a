// Properties of verification through the handler: whatever is changed in a signed request is
// refused and runs no listener; whatever bytes were signed verify. Cheap (one HMAC per run), so
// 5× the suites' default: 150 runs per property in `pnpm test` (CLIPKIT_FUZZ_RUNS=30, fixed
// seed); `pnpm fuzz` raises CLIPKIT_FUZZ_RUNS (1000 → 5000 per property).
import { fuzzSettings } from "@clipkit/contract-harness";
import { signZoomWebhook } from "@clipkit/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createZoomWebhookHandler, verifyZoomWebhook } from "../../src/index.js";
import { completedEvent, NOW_S, now, SECRET } from "../helpers.js";

const { runs: baseRuns, seed } = fuzzSettings();
const runs = baseRuns * 5;
const settings = { numRuns: runs, seed, endOnFailure: true };
const TOLERANCE = 300;

const signed = signZoomWebhook(completedEvent("Kundengespräch — Müller & Co."), SECRET, {
  timestamp: NOW_S,
});

/** The handler's answer to a request, and whether any listener ran. */
async function deliver(body: Uint8Array, headers: Record<string, string>) {
  const handler = createZoomWebhookHandler({ secret: SECRET, now, dedupe: false });
  let ran = false;
  handler.on("recording.completed", () => {
    ran = true;
  });
  handler.onUnknown(() => {
    ran = true;
  });
  const response = await handler(
    new Request("http://receiver.test/", {
      method: "POST",
      headers,
      body: body as Uint8Array<ArrayBuffer>,
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { status: response.status, ran };
}

describe(`tampering is refused and runs nothing (${runs} runs each, seed ${seed})`, () => {
  it("the untouched request is accepted and runs its listener (the control)", async () => {
    expect(await deliver(signed.body, signed.headers)).toEqual({ status: 200, ran: true });
  });

  it("any single-byte change to the body", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: signed.body.byteLength - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (index, delta) => {
          const body = signed.body.slice();
          body[index] = ((body[index] as number) + delta) % 256;
          const { status, ran } = await deliver(body, signed.headers);
          expect(status).toBe(401);
          expect(ran).toBe(false);
        },
      ),
      settings,
    );
  });

  const anyChangeOf = (value: string) =>
    fc
      .oneof(
        // one character replaced (printable ASCII, so it stays a valid header value)
        fc
          .tuple(fc.nat({ max: value.length - 1 }), fc.integer({ min: 0x20, max: 0x7e }))
          .map(([i, code]) => value.slice(0, i) + String.fromCharCode(code) + value.slice(i + 1)),
        // cut short, or lengthened
        fc.nat({ max: value.length - 1 }).map((n) => value.slice(0, n)),
        fc
          .string({ minLength: 1, maxLength: 8 })
          .map((tail) => value + tail.replace(/[^\x20-\x7e]/g, "0")),
        // anything else
        fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
      )
      .filter((changed) => changed.trim() !== value);

  it.each(["x-zm-signature", "x-zm-request-timestamp"] as const)(
    "any change to %s",
    async (name) => {
      await fc.assert(
        fc.asyncProperty(anyChangeOf(signed.headers[name]), async (changed) => {
          const { status, ran } = await deliver(signed.body, {
            ...signed.headers,
            [name]: changed,
          });
          expect(status).toBe(401);
          expect(ran).toBe(false);
        }),
        settings,
      );
    },
  );

  it("any correctly signed timestamp outside the tolerance, either way", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: TOLERANCE + 1, max: 10 ** 8 }),
        fc.boolean(),
        async (distance, ahead) => {
          const timestamp = ahead ? NOW_S + distance : NOW_S - distance;
          const request = signZoomWebhook(signed.body, SECRET, { timestamp });
          const { status, ran } = await deliver(request.body, request.headers);
          expect(status).toBe(401);
          expect(ran).toBe(false);
        },
      ),
      settings,
    );
  });
});

// JSON text with arbitrary spacing between tokens and escapes a re-serialiser would rewrite.
const space = fc.constantFrom("", " ", "\n", "\t", "\r\n", "  \n\t ");
const escaped = (text: string) =>
  Array.from(text, (ch) => {
    const code = ch.codePointAt(0) as number;
    if (code > 0xffff) return ch; // astral characters as themselves (UTF-8, 4 bytes)
    if (code % 3 === 0) return `\\u${code.toString(16).padStart(4, "0")}`;
    return JSON.stringify(ch).slice(1, -1);
  }).join("");

describe(`any bytes Zoom signs verify from the raw body (${runs} runs, seed ${seed})`, () => {
  it("unusual whitespace, \\u escapes, non-ASCII and astral text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 60 }),
        fc.array(space, { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 2 ** 53 - 1 }),
        async (topic, ws, eventTs) => {
          const [a, b, c, d, e, f, g, h] = ws as [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
          ];
          const raw = `${a}{${b}"event"${c}:${d}"recording.started"${e},"event_ts":${eventTs},${f}"payload"${g}:{"object":{"topic":"${escaped(topic)}"}}${h}}${a}`;
          const request = signZoomWebhook(raw, SECRET, { timestamp: NOW_S });
          const event = await verifyZoomWebhook(request.body, request.headers, {
            secret: SECRET,
            now,
          });
          expect(event.event).toBe("recording.started");
          expect(
            (event.body as { payload: { object: { topic: string } } }).payload.object.topic,
          ).toBe(JSON.parse(`"${escaped(topic)}"`));
        },
      ),
      settings,
    );
  });
});
