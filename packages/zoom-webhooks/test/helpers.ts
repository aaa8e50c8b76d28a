import { signZoomWebhook, zoomWebhookExamples } from "@clipkit/testing";

export const SECRET = "test-secret-token-0123";
export const OTHER_SECRET = "rotated-secret-token-4567";
/** A fixed "now" for every test: 2026-12-04T12:00:00Z. */
export const NOW_S = 1_796_385_600;
export const now = () => NOW_S * 1000;

export const examples = zoomWebhookExamples();

export function completedEvent(topic = "Weekly sync") {
  const event = structuredClone(examples["recording.completed"]);
  if (!event) throw new Error("the spec has no recording.completed example");
  (event.payload.object as { topic: string }).topic = topic;
  return event;
}

/** A signed request as the web handler receives it. */
export function signedRequest(
  event: object | string | Uint8Array,
  options: { secret?: string; timestamp?: number; headers?: Record<string, string | null> } = {},
): Request {
  const signed = signZoomWebhook(event, options.secret ?? SECRET, {
    timestamp: options.timestamp ?? NOW_S,
  });
  const headers = new Headers(signed.headers);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return new Request("http://receiver.test/zoom/events", {
    method: "POST",
    headers,
    body: signed.body as Uint8Array<ArrayBuffer>,
  });
}
