import { ClipKitValidationError } from "./errors/validation-error.js";
import type { Logger } from "./logger.js";
import { resolveLogger } from "./logger.js";
import { checkOptions, MAX_TIMER_MS, wholeNumber } from "./option-ranges.js";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./pipeline/retry-decision.js";
import { sleep as abortableSleep } from "./timeout.js";

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

function func<T>(field: string, value: T | undefined, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "function") throw new ClipKitValidationError(field, "expected a function");
  return value;
}

const POLICY_OPTIONS = [
  "maxRetries",
  "timeoutMs",
  "idleTimeoutMs",
  "maxRetryWaitMs",
  "retryPost",
] as const;

/** Checks every option once, at construction: a bad one throws naming it, before any request. */
export function resolvePolicy(options: ClientOptions): Policy {
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  for (const key of Object.keys(backoff) as (keyof BackoffOptions)[]) {
    wholeNumber(`backoff.${key}`, backoff[key], 0, MAX_TIMER_MS);
  }
  if (options.logger !== undefined && typeof options.logger?.debug !== "function") {
    throw new ClipKitValidationError(
      "logger",
      "expected an object with a debug(msg, fields) method",
    );
  }
  return {
    ...DEFAULT_POLICY,
    ...checkOptions(options, POLICY_OPTIONS),
    logger: resolveLogger(options.logger),
    // Looked up per call, so a fetch patched in later (msw, a test double) is used too.
    fetch: func("fetch", options.fetch, (input, init) => globalThis.fetch(input, init)),
    customFetch: options.fetch !== undefined,
    backoff,
    random: func("random", options.random, Math.random),
    sleep: func("sleep", options.sleep, abortableSleep),
  };
}
