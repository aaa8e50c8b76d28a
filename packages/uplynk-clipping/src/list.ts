import { ClipKitValidationError, type Paginated } from "@clipkit/core";
import type { UplynkClippingClient } from "./client.js";
import type { components } from "./generated/schema.js";
import type { Clip } from "./wait-for-clip.js";

export type DraftClip = components["schemas"]["DraftClip"];
export type DraftClipCollection = components["schemas"]["DraftClipCollection"];
export type ClipCollection = components["schemas"]["ClipCollection"];

export interface ListOptions {
  signal?: AbortSignal;
}

export interface ListClipsOptions extends ListOptions {
  /** Only the clip generated from this draft. */
  draftId?: string;
}

/** Every draft clip of the account (`GET /clipping_draft`); `client.paginate` does the same. */
export function listDraftClips(
  client: UplynkClippingClient,
  options: ListOptions = {},
): Paginated<DraftClipCollection, DraftClip> {
  return client.paginate("/clipping_draft", options.signal ? { signal: options.signal } : {});
}

/**
 * Up to 1,000 of the latest clips generated from drafts (`GET /clip/draft_info`), or only the
 * clip of `draftId`; `.pages()` gives the envelope.
 */
export function listClips(
  client: UplynkClippingClient,
  options: ListClipsOptions = {},
): Paginated<ClipCollection, Clip> {
  const { draftId, signal } = options;
  if (draftId !== undefined && (typeof draftId !== "string" || draftId.trim() === "")) {
    throw new ClipKitValidationError("draftId", "must be a non-empty string when given");
  }
  // An undefined draft_id is left out of the query string: the latest clips of every draft.
  return client.paginate("/clip/draft_info", {
    query: { draft_id: draftId },
    ...(signal ? { signal } : {}),
  });
}
