import { ClipKitValidationError } from "./errors/validation-error.js";
import type { Logger } from "./logger.js";
import { resolveLogger } from "./logger.js";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./pipeline/retry-decision.js";
import { sleep as abortableSleep } from "./timeout.js";

/** The longest delay a timer can hold: larger values fire after 1 ms in every runtime. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ClientOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /**
   * Per-attempt limit, in ms, from sending the request until its JSON (or error) body has been
   * read — a token request on the way included. Default 60 000.
   */
  timeoutMs?: number;
  /** For streamed bodies (downloads, uploads): fail when no byte moves for this long. Default 60 000. */
  idleTimeoutMs?: number;
  /** Also retry POST and PATCH on 5xx, 408 and connection errors. Default false. */
  retryPost?: boolean;
  /** Longest total time one call may spend waiting between retries. Default 120 000. */
  maxRetryWaitMs?: number;
  /** Debug logging; also on (to stderr) when `CLIPKIT_LOG=debug`. */
  logger?: Logger;
  /** The fetch underneath. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Origins besides `baseUrl`'s that may receive credentials. */
  trustedOrigins?: string[];
  /** Let credentials travel over plain `http://` to hosts other than loopback. Default false. */
  allowInsecureHttp?: boolean;
  /** Backoff tuning: base 500 ms, cap 8 s, longest server-requested wait 60 s. */
  backoff?: BackoffOptions;
  /** Source of jitter in [0, 1). Default `Math.random`; tests pin it. */
  random?: () => number;
  /** The wait between attempts; must reject when `signal` aborts. Tests record delays with it. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** `ClientOptions` checked and with every default filled in. */
export interface Policy {
  maxRetries: number;
  timeoutMs: number;
  idleTimeoutMs: number;
  retryPost: boolean;
  maxRetryWaitMs: number;
  logger: Logger | undefined;
  fetch: typeof fetch;
  /** Whether `fetch` is the caller's own (it may read the signal off the Request only). */
  customFetch: boolean;
  backoff: Required<BackoffOptions>;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_POLICY = {
  maxRetries: 2,
  timeoutMs: 60_000,
  idleTimeoutMs: 60_000,
  retryPost: false,
  maxRetryWaitMs: 120_000,
} as const;

/** `value` when it is a whole number in [min, max]; otherwise a `ClipKitValidationError` naming `field`. */
export function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ClipKitValidationError(
      field,
      `expected a whole number from ${min} to ${max}, got ${describe(value)}`,
    );
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === "number" ? String(value) : typeof value;
}

function optional<T>(value: T | undefined, fallback: T, check: (v: T) => T): T {
  return value === undefined ? fallback : check(value);
}

function func<T>(field: string, value: T | undefined, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "function") throw new ClipKitValidationError(field, "expected a function");
  return value;
}

/** Checks every option once, at construction: a bad one throws naming it, before any request. */
export function resolvePolicy(options: ClientOptions): Policy {
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  for (const key of Object.keys(backoff) as (keyof BackoffOptions)[]) {
    wholeNumber(`backoff.${key}`, backoff[key], 0, MAX_TIMER_MS);
  }
  if (options.retryPost !== undefined && typeof options.retryPost !== "boolean") {
    throw new ClipKitValidationError("retryPost", "expected true or false");
  }
  if (options.logger !== undefined && typeof options.logger?.debug !== "function") {
    throw new ClipKitValidationError(
      "logger",
      "expected an object with a debug(msg, fields) method",
    );
  }
  return {
    maxRetries: optional(options.maxRetries, DEFAULT_POLICY.maxRetries, (v) =>
      wholeNumber("maxRetries", v, 0, 100),
    ),
    timeoutMs: optional(options.timeoutMs, DEFAULT_POLICY.timeoutMs, (v) =>
      wholeNumber("timeoutMs", v, 1, MAX_TIMER_MS),
    ),
    idleTimeoutMs: optional(options.idleTimeoutMs, DEFAULT_POLICY.idleTimeoutMs, (v) =>
      wholeNumber("idleTimeoutMs", v, 1, MAX_TIMER_MS),
    ),
    retryPost: options.retryPost ?? DEFAULT_POLICY.retryPost,
    maxRetryWaitMs: optional(options.maxRetryWaitMs, DEFAULT_POLICY.maxRetryWaitMs, (v) =>
      wholeNumber("maxRetryWaitMs", v, 0, MAX_TIMER_MS),
    ),
    logger: resolveLogger(options.logger),
    // Looked up per call, so a fetch patched in later (msw, a test double) is used too.
    fetch: func("fetch", options.fetch, (input, init) => globalThis.fetch(input, init)),
    customFetch: options.fetch !== undefined,
    backoff,
    random: func("random", options.random, Math.random),
    sleep: func("sleep", options.sleep, abortableSleep),
  };
}
