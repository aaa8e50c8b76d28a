/** What a rate-limited API told us about its limits, read from response headers. */
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** The kind of limit, e.g. Zoom's `X-RateLimit-Type` ("Light", "QPS", ...). */
  type?: string;
  /** When the limit resets, in ms since the epoch. */
  resetAt?: number;
  /** How long the API asked us to wait, in ms. */
  retryAfterMs?: number;
}

/** Everything the runtime needs to know about one API: the rest is the same for all of them. */
export interface VendorProfile {
  /** `<package>/<version>`, e.g. "@clipkit/zoom-clips/0.1.0"; the runtime appends its own. */
  userAgent: string;
  /** The response header that carries the API's request/tracking ID, e.g. "x-zm-trackingid". */
  requestIdHeader?: string;
  /** The API's own error code and message, read from an error response body. */
  errorFromBody?(body: unknown): { code?: string | number; message?: string } | undefined;
  /** Whether a response means the credentials are stale (refresh once, retry once). Default: 401. */
  isAuthFailure?(response: Response, body: unknown): boolean;
  /**
   * Whether a refusal says the token lacks the operation's scopes (Zoom: code 4711); such an
   * answer becomes a `MissingScopesError`. Default: never.
   */
  isMissingScopes?(response: Response, body: unknown): boolean;
  /** The API's rate-limit headers, when it has its own. */
  rateLimitFromHeaders?(headers: Headers): RateLimitInfo | undefined;
  /**
   * Hosts besides the client's own origins that may receive its credentials (Zoom: any https
   * `*.zoom.us` host a redirect leads to). Default: none.
   */
  mayReceiveCredentials?(url: URL): boolean;
  /** Query names to redact on top of the ones core always redacts. */
  redactQueryParams?: string[];
}

/** The common `{ code, message }` / OAuth `{ error, error_description }` shapes. */
export function defaultErrorFromBody(
  body: unknown,
): { code?: string | number; message?: string } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const code = [b.code, b.error].find((v) => typeof v === "string" || typeof v === "number") as
    | string
    | number
    | undefined;
  const message = [b.message, b.error_description, b.reason].find((v) => typeof v === "string") as
    | string
    | undefined;
  if (code === undefined && message === undefined) return undefined;
  return { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}) };
}
