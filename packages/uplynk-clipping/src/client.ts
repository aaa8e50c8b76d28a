import type { Paginated } from "@clipkit/core";
import { paginator, requestValidation } from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import type { components } from "./generated/schema.js";
import {
  buildUplynkClient,
  type LeanUplynkClippingClient,
  type UplynkClippingClientOptions,
} from "./lean-client.js";

type Schemas = components["schemas"];

export interface UplynkClippingClient extends LeanUplynkClippingClient {
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
 * A typed openapi-fetch client for the Uplynk v4 Clipping API, on the shared runtime
 * (`createApiClient` from `@clipkit/core`): every attempt is signed with fresh `msg`/`sig`
 * query parameters, idempotent requests are retried, each attempt has a time limit, and
 * `unwrap` turns error answers into typed `ApiError`s with `msg`/`sig` redacted. Each request
 * is checked against the spec first: one that breaks its limits is never signed or sent.
 * `@clipkit/uplynk-clipping/lean` builds the same client without the checks and `paginate`.
 */
export function createUplynkClippingClient(
  options: UplynkClippingClientOptions,
): UplynkClippingClient {
  const client = buildUplynkClient(options, requestValidation(requestSchemas));
  return Object.assign(client, {
    paginate: paginator(client, COLLECTIONS),
  }) as unknown as UplynkClippingClient;
}
