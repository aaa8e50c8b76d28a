import { ClipKitValidationError, sleep, TimeoutError, unwrap } from "@clipkit/core";
import type { UplynkClippingClient } from "./client.js";
import type { components } from "./generated/schema.js";

export type Clip = components["schemas"]["Clip"];

export interface WaitForClipOptions {
  signal?: AbortSignal;
  /** Give up after this many ms. Default 10 minutes. */
  timeoutMs?: number;
  /** Wait before the second poll; doubles after each poll. Default 2 000 ms. */
  intervalMs?: number;
  /** The longest wait between two polls. Default 30 000 ms. */
  maxIntervalMs?: number;
}

/**
 * `waitForClip` gave up: the clip of `draftId` was not complete within `waitedMs`. A
 * `TimeoutError` of `@clipkit/core`, so `instanceof TimeoutError` catches it too.
 */
export class ClipWaitTimeoutError extends TimeoutError {
  override name = "ClipWaitTimeoutError";
  constructor(
    readonly draftId: string,
    readonly waitedMs: number,
    readonly polls: number,
    readonly lastSeen: Clip | undefined,
  ) {
    const state = lastSeen
      ? `clip ${lastSeen.id} was still ${lastSeen.is_complete ? "without an asset" : "being created"}`
      : "no clip had been generated from it yet";
    super(
      `Timed out after ${waitedMs} ms (${polls} polls) waiting for the clip of draft ${draftId}: ${state}`,
    );
  }

  protected override details(): Record<string, unknown> {
    return {
      draftId: this.draftId,
      waitedMs: this.waitedMs,
      polls: this.polls,
      clipId: this.lastSeen?.id,
    };
  }
}

function positive(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ClipKitValidationError(field, `must be a positive number of ms; got ${value}`);
  }
  return value;
}

/** The signal's own reason, so a caller's abort reason (or our timeout) reaches the caller. */
const reasonOf = (signal: AbortSignal): unknown => signal.reason;

/**
 * Polls the clips generated from `draftId` (`GET /clip/draft_info?draft_id=…`) until one has
 * `is_complete: true` and a non-empty `asset`, and resolves to it. The wait between polls
 * starts at `intervalMs` and doubles up to `maxIntervalMs`. Rejects with a
 * `ClipWaitTimeoutError` after `timeoutMs`, and with the signal's reason when `signal` aborts.
 *
 * `/clip/draft_info/{id}` takes a clip ID, not a draft ID, so the draft's clip is found
 * through the list filtered by `draft_id`; until the draft is converted the list is empty.
 */
export async function waitForClip(
  client: UplynkClippingClient,
  draftId: string,
  options: WaitForClipOptions = {},
): Promise<Clip> {
  if (typeof draftId !== "string" || draftId.trim() === "") {
    throw new ClipKitValidationError("draftId", "must be a non-empty string");
  }
  const timeoutMs = positive("timeoutMs", options.timeoutMs ?? 600_000);
  const maxIntervalMs = positive("maxIntervalMs", options.maxIntervalMs ?? 30_000);
  let interval = Math.min(positive("intervalMs", options.intervalMs ?? 2_000), maxIntervalMs);

  options.signal?.throwIfAborted();
  const started = Date.now();
  const deadline = AbortSignal.timeout(timeoutMs);
  const outer = options.signal;
  const signal = outer ? AbortSignal.any([outer, deadline]) : deadline;
  let polls = 0;
  let lastSeen: Clip | undefined;
  const timedOut = () => new ClipWaitTimeoutError(draftId, Date.now() - started, polls, lastSeen);

  try {
    for (;;) {
      polls++;
      const list = await unwrap(
        client.GET("/clip/draft_info", { params: { query: { draft_id: draftId } }, signal }),
      );
      const clips = list.items.filter((clip) => clip.draft_id === draftId);
      const done = clips.find((clip) => clip.is_complete && clip.asset !== "");
      if (done) return done;
      lastSeen = clips[0] ?? lastSeen;
      const remaining = timeoutMs - (Date.now() - started);
      if (remaining <= 0) throw timedOut();
      await sleep(Math.min(interval, remaining), signal, reasonOf);
      interval = Math.min(interval * 2, maxIntervalMs);
    }
  } catch (error) {
    if (outer?.aborted) throw reasonOf(outer);
    if (deadline.aborted && !(error instanceof ClipWaitTimeoutError)) throw timedOut();
    throw error;
  }
}
