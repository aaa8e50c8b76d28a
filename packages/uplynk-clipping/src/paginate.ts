import type { Paginated } from "@clipkit/core";
import { paginator } from "@clipkit/core/internal";
import type { components } from "./generated/schema.js";
import type { LeanUplynkClippingClient } from "./lean-client.js";

type Schemas = components["schemas"];

export interface UplynkPaginate {
  /**
   * Every item of a collection: `/clipping_draft` (draft clips) or `/clip/draft_info` (up to
   * 1,000 of the latest clips, or one draft's with `query.draft_id`). Uplynk's v4 collections
   * carry no next-page link: one answer holds the list; `.pages()` gives the envelope.
   */
  paginate(
    path: "/clipping_draft",
    options?: { signal?: AbortSignal },
  ): Paginated<Schemas["DraftClipCollection"], Schemas["DraftClip"]>;
  paginate(
    path: "/clip/draft_info",
    options?: { query?: { draft_id?: string }; signal?: AbortSignal },
  ): Paginated<Schemas["ClipCollection"], Schemas["Clip"]>;
}

const COLLECTIONS = {
  "/clipping_draft": { items: (page: Schemas["DraftClipCollection"]) => page.items },
  "/clip/draft_info": { items: (page: Schemas["ClipCollection"]) => page.items },
};

/**
 * Gives an Uplynk client `paginate`: the main entry's client has it already; a `./lean` client
 * gets it only where this is imported, so pagination and the request checks are paid for apart.
 */
export function withPaginate<C extends LeanUplynkClippingClient>(client: C): C & UplynkPaginate {
  return Object.assign(client, {
    paginate: paginator(client, COLLECTIONS),
  }) as unknown as C & UplynkPaginate;
}
