import {
  type ClientOptions,
  createApiClient,
  type Paginated,
  type VendorProfile,
} from "@clipkit/core";
import { paginator, requestValidation } from "@clipkit/core/internal";
import type { Client } from "openapi-fetch";
import { requestSchemas } from "./generated/limits.js";
import type { components, paths } from "./generated/schema.js";
import { uplynkSigner } from "./signing.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = "https://services.uplynk.com/api/v4";
export { PACKAGE_NAME, VERSION };

export interface UplynkClippingClientOptions extends ClientOptions {
  /** The account's user ID, sent as `_owner` inside the signed `msg`. */
  owner: string;
  /** The account's API key; signs every request and is never sent or logged. */
  apiKey: string;
  /** Defaults to `https://services.uplynk.com/api/v4`. */
  baseUrl?: string;
  /** The signing clock, in ms since the epoch. Defaults to `Date.now`. */
  now?: () => number;
}

type Schemas = components["schemas"];

export interface UplynkClippingClient extends Client<paths> {
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

/** What the shared runtime needs to know about Uplynk. */
export const uplynkVendor: VendorProfile = {
  userAgent: `${PACKAGE_NAME}/${VERSION}`,
  /** Uplynk's error body (as the spec infers it): `{ "error": "...", "message": "..." }`. */
  errorFromBody(body) {
    if (typeof body !== "object" || body === null) return undefined;
    const { error, message } = body as { error?: unknown; message?: unknown };
    if (typeof error !== "string" && typeof message !== "string") return undefined;
    return {
      ...(typeof error === "string" ? { code: error } : {}),
      ...(typeof message === "string" ? { message } : {}),
    };
  },
  /** A missing, wrong or expired signature; the runtime re-signs (fresh timestamp) once. */
  isAuthFailure: (response) => response.status === 401,
};

/**
 * A typed openapi-fetch client for the Uplynk v4 Clipping API, on the shared runtime
 * (`createApiClient` from `@clipkit/core`): every attempt is signed with fresh `msg`/`sig`
 * query parameters, idempotent requests are retried, each attempt has a time limit, and
 * `unwrap` turns error answers into typed `ApiError`s with `msg`/`sig` redacted.
 */
export function createUplynkClippingClient(
  options: UplynkClippingClientOptions,
): UplynkClippingClient {
  const { owner, apiKey, now, baseUrl, ...clientOptions } = options;
  const auth = uplynkSigner({ owner, apiKey, ...(now ? { now } : {}) });
  const client = createApiClient<paths>({
    ...clientOptions,
    baseUrl: (baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    auth,
    vendor: uplynkVendor,
    // Before the signing fetch: a request that breaks the spec's limits is never signed or sent.
    operations: requestSchemas,
    validation: requestValidation(),
  });
  return Object.assign(client, {
    paginate: paginator(client, COLLECTIONS),
  }) as unknown as UplynkClippingClient;
}
