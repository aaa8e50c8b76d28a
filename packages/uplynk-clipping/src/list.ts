import { ClipKitValidationError } from "@clipkit/core";
import type { UplynkClippingClient } from "./client.js";
import { unwrap } from "./errors.js";
import type { components } from "./generated/schema.js";
import type { Clip } from "./wait-for-clip.js";

export type DraftClip = components["schemas"]["DraftClip"];

/** Uplynk's collection envelope. */
interface Collection<T> {
  "@id": string;
  "@type": "Collection";
  items: T[];
  total_items: number;
}

export interface ListOptions {
  signal?: AbortSignal;
}

export interface ListClipsOptions extends ListOptions {
  /** Only the clip generated from this draft. */
  draftId?: string;
}

/**
 * Yields the items of one collection answer. Uplynk's v4 collections carry no next-page link
 * (clips: the latest 1,000 at most), so one request holds the whole list.
 */
async function* collectionItems<T>(pending: Promise<Collection<T>>): AsyncGenerator<T> {
  const page = await pending;
  yield* page.items;
}

/** Every draft clip of the account (`GET /clipping_draft`). */
export function listDraftClips(
  client: UplynkClippingClient,
  options: ListOptions = {},
): AsyncGenerator<DraftClip> {
  return collectionItems(
    unwrap(client.GET("/clipping_draft", options.signal ? { signal: options.signal } : {}), "GET"),
  );
}

/** Up to 1,000 of the latest clips generated from drafts, or only the clip of `draftId`. */
export function listClips(
  client: UplynkClippingClient,
  options: ListClipsOptions = {},
): AsyncGenerator<Clip> {
  const { draftId, signal } = options;
  if (draftId !== undefined && (typeof draftId !== "string" || draftId.trim() === "")) {
    throw new ClipKitValidationError("draftId", "must be a non-empty string when given");
  }
  return collectionItems(
    unwrap(
      client.GET("/clip/draft_info", {
        params: { query: draftId === undefined ? {} : { draft_id: draftId } },
        ...(signal ? { signal } : {}),
      }),
      "GET",
    ),
  );
}
