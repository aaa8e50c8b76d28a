// When a request is tried again, and after how long. The loop that acts on these decisions is
// retry-loop.ts.
import { ConnectionError, TimeoutError } from "../errors/request-errors.js";
import type { VendorProfile } from "../vendor.js";
import type { RetryDecision } from "./retry-loop.js";

/** Statuses worth another try: the server or something in between may answer differently. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Methods that may be repeated without repeating a side effect (RFC 9110 §9.2.2). TRACE is
 * idempotent too, but fetch refuses to send it, so it could never reach a retry.
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "PUT",
  "DELETE",
  "OPTIONS",
]);

export interface BackoffOptions {
  /** First backoff ceiling, doubled per retry. Default 500. */
  baseDelayMs?: number;
  /** Largest backoff ceiling. Default 8 000. */
  maxDelayMs?: number;
  /** Longest wait a server may ask for (Retry-After, rate-limit reset). Default 60 000. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** `Retry-After` as ms to wait: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  // An empty value fails both readings below: no special case needed.
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long the server asked us to wait, if it did: Retry-After first, then the vendor's headers. */
export function serverRequestedDelay(
  headers: Headers,
  vendor: VendorProfile,
  now: number,
): number | undefined {
  const retryAfter = parseRetryAfter(headers.get("retry-after"), now);
  if (retryAfter !== undefined) return retryAfter;
  const info = vendor.rateLimitFromHeaders?.(headers);
  if (info?.retryAfterMs !== undefined) return Math.max(0, info.retryAfterMs);
  if (info?.resetAt !== undefined) return Math.max(0, info.resetAt - now);
  return undefined;
}

/**
 * The wait before retry number `retry` (1-based): what the server asked for, capped, or
 * exponential backoff with full jitter (a uniform draw up to the doubled ceiling).
 */
export function retryDelay(
  retry: number,
  options: Required<BackoffOptions>,
  requested: number | undefined,
  random: () => number,
): number {
  if (requested !== undefined) return Math.min(requested, options.maxRetryAfterMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryRules {
  /** A decision to retry after this answer, or undefined to return it. */
  retryResult(response: Response): RetryDecision | undefined;
  /** A decision to retry after this error, or undefined to throw it. */
  retryError(error: unknown): RetryDecision | undefined;
}

/**
 * The retry rules of one request: once, at once and uncounted, with fresh credentials after an
 * auth failure (`isAuthFailure`, given when the request carries credentials); 429 for any
 * method whose body can be re-sent (the request was not processed); 408/5xx, connection
 * failures and timeouts for idempotent methods (POST/PATCH only with `retryPost`); never a
 * caller abort (nor, being no such error, a redirect loop or a bad input).
 */
export function retryRules(
  outgoing: { replayable: boolean; signal: AbortSignal },
  method: string,
  retryPost: boolean,
  vendor: VendorProfile,
  isAuthFailure?: (response: Response) => boolean,
): RetryRules {
  const { replayable, signal: caller } = outgoing;
  const mayRetryFailure = replayable && (IDEMPOTENT_METHODS.has(method) || retryPost);
  let refreshed = false;
  return {
    retryResult(response) {
      if (response.ok) return undefined;
      if (!refreshed && replayable && isAuthFailure?.(response)) {
        refreshed = true;
        return { refresh: true };
      }
      const status = response.status;
      const retry =
        (status === 429 && replayable) || (RETRYABLE_STATUSES.has(status) && mayRetryFailure);
      // A retried answer is never a 2xx, so its body was read whole: nothing to free.
      return retry
        ? { requestedMs: serverRequestedDelay(response.headers, vendor, Date.now()) }
        : undefined;
    },
    retryError(error) {
      const retry =
        mayRetryFailure &&
        (error instanceof ConnectionError || error instanceof TimeoutError) &&
        !caller.aborted;
      return retry ? {} : undefined;
    },
  };
}
