import { ClipKitValidationError, type Paginated, paginateCollection, unwrap } from "@clipkit/core";
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

// Uplynk's v4 collections (`@id`, `@type`, `items`, `total_items`) carry no next-page link:
// one answer holds the whole list (for clips, the latest 1,000 at most).

/** Every draft clip of the account (`GET /clipping_draft`); `.pages()` gives the envelope. */
export function listDraftClips(
  client: UplynkClippingClient,
  options: ListOptions = {},
): Paginated<DraftClipCollection, DraftClip> {
  const { signal } = options;
  return paginateCollection(() => unwrap(client.GET("/clipping_draft", signal ? { signal } : {})), {
    items: (page) => page.items,
  });
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
  return paginateCollection(
    () =>
      unwrap(
        client.GET("/clip/draft_info", {
          params: { query: draftId === undefined ? {} : { draft_id: draftId } },
          ...(signal ? { signal } : {}),
        }),
      ),
    { items: (page) => page.items },
  );
}
