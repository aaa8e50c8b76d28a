import type { webhooks } from "./generated/schema.js";

/** Every event the spec (specs/zoom-webhooks.yaml) describes, URL validation included. */
export type ZoomWebhookEventName = keyof webhooks;

/** The JSON body Zoom sends for one event, typed from the spec. */
export type ZoomWebhookBody<E extends ZoomWebhookEventName> =
  webhooks[E]["post"]["requestBody"]["content"]["application/json"];

/**
 * The event names at run time. `test/events.test.ts` checks at compile time that this list and
 * the generated `webhooks` type hold the same names, so neither can fall behind the spec.
 */
export const ZOOM_WEBHOOK_EVENTS = [
  "endpoint.url_validation",
  "recording.archive_files_completed",
  "recording.batch_deleted",
  "recording.batch_recovered",
  "recording.batch_trashed",
  "recording.cloud_storage_usage_updated",
  "recording.completed",
  "recording.deleted",
  "recording.paused",
  "recording.recovered",
  "recording.registration_approved",
  "recording.registration_created",
  "recording.registration_denied",
  "recording.renamed",
  "recording.resumed",
  "recording.started",
  "recording.stopped",
  "recording.transcript_completed",
  "recording.trashed",
] as const satisfies readonly ZoomWebhookEventName[];

/** A verified event the spec knows: narrow on `event` to get its typed `body`. */
export type KnownZoomWebhookEvent = {
  [E in ZoomWebhookEventName]: {
    known: true;
    event: E;
    body: ZoomWebhookBody<E>;
    /** `x-zm-request-timestamp`, Unix seconds. */
    timestamp: number;
  };
}[ZoomWebhookEventName];

/**
 * A verified event the spec does not describe yet (Zoom adds events, e.g. Zoom Clips'
 * `clip.completed`): delivered, not refused, with its body as parsed JSON.
 */
export interface UnknownZoomWebhookEvent {
  known: false;
  event: string;
  body: { event: string; [field: string]: unknown };
  timestamp: number;
}

/** What verification hands out: check `known`, then switch on `event`. */
export type ZoomWebhookEvent = KnownZoomWebhookEvent | UnknownZoomWebhookEvent;

const known = new Set<string>(ZOOM_WEBHOOK_EVENTS);

export function isKnownEventName(name: string): name is ZoomWebhookEventName {
  return known.has(name);
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const REDACTED = "[redacted]";

/** A copy with every `download_token` replaced, for showing an event (never for using it). */
export function redactEvent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactEvent);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      key === "download_token" && typeof field === "string" ? REDACTED : redactEvent(field),
    ]),
  );
}

/**
 * Gives a parsed body a non-enumerable `util.inspect` hook that shows it with its
 * `download_token` redacted: `console.log(body)` cannot leak the token, while
 * `JSON.stringify(body)` (to queue it) and `body.download_token` still have it.
 */
export function hideTokenFromInspect<T extends object>(body: T): T {
  Object.defineProperty(body, INSPECT, {
    value: (_depth: number, options: object, inspect: (v: unknown, o: object) => string) =>
      inspect(redactEvent(body), options),
    enumerable: false,
  });
  return body;
}
