import type { RateLimitInfo, VendorProfile } from "@clipkit/core";
import { parseRetryAfter } from "@clipkit/core/internal";
import { zoomCredentialRule } from "./redirects.js";

/** Zoom's "Invalid access token" code, also sent when the token has expired. */
export const ZOOM_INVALID_TOKEN_CODE = 124;

function zoomError(body: unknown): { code?: number | string; message?: string } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { code, message } = body as { code?: unknown; message?: unknown };
  const out: { code?: number | string; message?: string } = {};
  if (typeof code === "number" || typeof code === "string") out.code = code;
  if (typeof message === "string") out.message = message;
  return out.code === undefined && out.message === undefined ? undefined : out;
}

/**
 * Zoom's "Invalid access token, does not contain scopes:[…]" code. Zoom sends it with 400 or
 * 401 (both are reported); code 4700 has been seen with the same message, so the message
 * decides too.
 */
export const ZOOM_MISSING_SCOPES_CODE = 4711;

function isMissingScopes(response: Response, body: unknown): boolean {
  if (response.status !== 400 && response.status !== 401) return false;
  const error = zoomError(body);
  return (
    error?.code === ZOOM_MISSING_SCOPES_CODE ||
    /does not contain scopes/i.test(error?.message ?? "")
  );
}

function intHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

/** Zoom's `X-RateLimit-*` headers, plus `Retry-After` (seconds or a date) on a 429. */
function zoomRateLimit(headers: Headers): RateLimitInfo | undefined {
  const limit = intHeader(headers, "x-ratelimit-limit");
  const remaining = intHeader(headers, "x-ratelimit-remaining");
  const type = headers.get("x-ratelimit-type") ?? undefined;
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), Date.now());
  const info: RateLimitInfo = {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(type ? { type } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs, resetAt: Date.now() + retryAfterMs } : {}),
  };
  return Object.keys(info).length > 0 ? info : undefined;
}

/**
 * What every Zoom API has in common: the `x-zm-trackingid` request ID, `{ code, message }`
 * error bodies, 401 with code 124 for a stale token, code 4711 for a token without the
 * operation's scopes, and `X-RateLimit-*` headers.
 */
export function zoomVendor(pkgName: string, version: string): VendorProfile {
  return {
    userAgent: `${pkgName}/${version}`,
    requestIdHeader: "x-zm-trackingid",
    errorFromBody: zoomError,
    isAuthFailure: (response, body) =>
      response.status === 401 && zoomError(body)?.code === ZOOM_INVALID_TOKEN_CODE,
    isMissingScopes,
    rateLimitFromHeaders: zoomRateLimit,
    // Zoom's own https hosts (fileapi.zoom.us → us01file.zoom.us, …) may receive its token.
    mayReceiveCredentials: zoomCredentialRule,
  };
}
