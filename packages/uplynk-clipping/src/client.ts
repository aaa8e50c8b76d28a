import {
  type ClientOptions,
  ClipKitValidationError,
  createApiClient,
  type VendorProfile,
} from "@clipkit/core";
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

export type UplynkClippingClient = Client<paths>;

/** What the shared runtime needs to know about Uplynk. */
export const uplynkVendor: VendorProfile = {
  userAgent: `${PACKAGE_NAME}/${VERSION}`,
  // Core redacts msg and sig anyway; named here because they are this API's credentials.
  redactQueryParams: ["msg", "sig"],
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

function check(field: string, value: number | undefined, min: number, integer: boolean): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    const kind = integer ? "a whole number" : "a number of ms";
    throw new ClipKitValidationError(field, `must be ${kind}, ${min} or more; got ${value}`);
  }
}

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
  check("maxRetries", clientOptions.maxRetries, 0, true);
  check("timeoutMs", clientOptions.timeoutMs, 1, false);
  const auth = uplynkSigner({ owner, apiKey, ...(now ? { now } : {}) });
  return createApiClient<paths>({
    ...clientOptions,
    baseUrl: (baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    auth,
    vendor: uplynkVendor,
  });
}
