import { ClipKitValidationError, TimeoutError, unwrap } from "@clipkit/core";
import { type PollOptions, poll } from "@clipkit/core/internal";
import type { components } from "./generated/schema.js";
import type { LeanUplynkClippingClient } from "./lean-client.js";

export type Clip = components["schemas"]["Clip"];

/** `signal`, `timeoutMs` (default 10 min), `intervalMs` (default 2 s, doubling), `maxIntervalMs` (30 s). */
export type WaitForClipOptions = PollOptions;

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

/**
 * Polls the clips generated from `draftId` (`GET /clip/draft_info?draft_id=…`) with core's
 * poller until one has `is_complete: true` and a non-empty `asset`, and resolves to it.
 * Rejects with a `ClipWaitTimeoutError` after `timeoutMs`, and with the signal's reason when
 * `signal` aborts.
 *
 * `/clip/draft_info/{id}` takes a clip ID, not a draft ID, so the draft's clip is found
 * through the list filtered by `draft_id`; until the draft is converted the list is empty.
 */
export async function waitForClip(
  client: LeanUplynkClippingClient,
  draftId: string,
  options: WaitForClipOptions = {},
): Promise<Clip> {
  if (typeof draftId !== "string" || draftId.trim() === "") {
    throw new ClipKitValidationError("draftId", "must be a non-empty string");
  }
  return poll<Clip, Clip>(
    {
      async check(signal) {
        const list = await unwrap(
          client.GET("/clip/draft_info", { params: { query: { draft_id: draftId } }, signal }),
        );
        const clips = list.items.filter((clip) => clip.draft_id === draftId);
        const done = clips.find((clip) => clip.is_complete && clip.asset !== "");
        return done
          ? { done: true, value: done }
          : { done: false, ...(clips[0] ? { seen: clips[0] } : {}) };
      },
      timedOut: ({ waitedMs, polls, lastSeen }) =>
        new ClipWaitTimeoutError(draftId, waitedMs, polls, lastSeen),
    },
    options,
  );
}
