import type { ZoomWebhookEvent } from "./events.js";
import { toHex } from "./signature.js";

/**
 * Remembers which events were already handled. `claim` answers true the first time it sees a
 * key and false after: Zoom redelivers an event (after 5, 20 and 60 minutes) when an answer was
 * late or failed, and a receiver may sit behind several instances, so a shared store (Redis
 * `SET key NX EX`, a database unique key) can stand in for the in-memory default.
 */
export interface DedupeStore {
  claim(key: string): boolean | Promise<boolean>;
  /** Forgets a claimed key, when the event could not be taken (so its redelivery runs). */
  release?(key: string): void | Promise<void>;
}

/** Enough for every event of a busy account over Zoom's 85-minute retry window. */
export const DEFAULT_DEDUPE_ENTRIES = 10_000;

/** An in-memory store that forgets its oldest keys past `maxEntries`. One process only. */
export function memoryDedupe(maxEntries = DEFAULT_DEDUPE_ENTRIES): DedupeStore {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError("zoom-webhooks: memoryDedupe needs maxEntries >= 1");
  }
  const seen = new Set<string>();
  return {
    claim(key) {
      if (seen.has(key)) return false;
      seen.add(key);
      // A Set iterates in insertion order: the first key is the oldest.
      if (seen.size > maxEntries) seen.delete(seen.values().next().value as string);
      return true;
    },
    release(key) {
      seen.delete(key);
    },
  };
}

interface Identified {
  event_ts?: unknown;
  payload?: { object?: { uuid?: unknown; id?: unknown } };
}

/**
 * The identity of an event, the same on every delivery of it: its name, `event_ts` and the
 * payload object's `uuid` (else `id`). Not the signature or timestamp header (new on each
 * delivery), nor the whole body (a redelivered recording.completed may carry a new
 * download_token). Events without an object fall back to a digest of the body.
 */
export async function eventKey(event: ZoomWebhookEvent, rawBody: Uint8Array): Promise<string> {
  const body = event.body as Identified;
  const object = body.payload?.object;
  const id = object?.uuid ?? object?.id;
  if (typeof body.event_ts === "number" && (typeof id === "string" || typeof id === "number")) {
    return `${event.event}|${body.event_ts}|${id}`;
  }
  const digest = toHex(await crypto.subtle.digest("SHA-256", rawBody as Uint8Array<ArrayBuffer>));
  return `${event.event}|${String(body.event_ts)}|sha256:${digest}`;
}
