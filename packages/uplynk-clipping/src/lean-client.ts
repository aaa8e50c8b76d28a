import { type ClientOptions, createApiClient, type VendorProfile } from "@clipkit/core";
import type { RequestValidator } from "@clipkit/core/internal";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";
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

/** The client of `@clipkit/uplynk-clipping/lean`: typed signed calls, no `paginate`. */
export type LeanUplynkClippingClient = Client<paths>;

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
 * The client both entries build: `validation` is given by the main entry's factory and left
 * out by `./lean`, so that only the first carries the schemas and their checker. Uplynk's
 * spec names no scopes or rate-limit categories: no operation table.
 */
export function buildUplynkClient(
  options: UplynkClippingClientOptions,
  validation?: RequestValidator,
): LeanUplynkClippingClient {
  const { owner, apiKey, now, baseUrl, ...clientOptions } = options;
  const auth = uplynkSigner({ owner, apiKey, ...(now ? { now } : {}) });
  return createApiClient<paths>({
    ...clientOptions,
    baseUrl: (baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    auth,
    vendor: uplynkVendor,
    // Before the signing fetch: a request that breaks the spec's limits is never signed or sent.
    ...(validation ? { validation } : {}),
  });
}
