import type { Policy } from "../policy.js";
import { retryDelay } from "./retry-decision.js";

/** "Try again", and how long the server asked to wait (if it did). */
export interface RetryDecision {
  requestedMs?: number | undefined;
  /**
   * Try again at once with fresh credentials (an auth failure). Such a try is not counted
   * against `maxRetries` and waits for nothing; the rules decide it at most once per request.
   */
  refresh?: boolean | undefined;
}

export interface RetryRun<T> {
  /**
   * One attempt; `retry` counts the retries before it (0 for the first), and `after` is the
   * decision that led to it (undefined for the first).
   */
  attempt(retry: number, after: RetryDecision | undefined): Promise<T>;
  /** A decision to retry after this result, or undefined to return it. */
  retryResult?(result: T): RetryDecision | undefined;
  /** A decision to retry after this error, or undefined to throw it. */
  retryError(error: unknown): RetryDecision | undefined;
  /** Called before each wait (0 for a refresh), for logging. */
  onRetry?(delayMs: number, retry: number, decision: RetryDecision): void;
}

/**
 * The one retry loop of the runtime: API calls, token requests, upload parts and download
 * chunks all go through it. At most `maxRetries` retries (a refresh aside), and no more
 * waiting in total than the policy's `maxRetryWaitMs`: a retry whose wait would pass that
 * budget is not made, and the last answer (or error) stands.
 */
export async function runWithRetries<T>(
  run: RetryRun<T>,
  policy: Policy,
  signal: AbortSignal,
  maxRetries = policy.maxRetries,
): Promise<T> {
  let waited = 0;
  let decision: RetryDecision | undefined;
  for (let retry = 0; ; ) {
    let outcome: { result: T } | { error: unknown };
    try {
      const result = await run.attempt(retry, decision);
      decision = run.retryResult?.(result);
      outcome = { result };
    } catch (error) {
      decision = run.retryError(error);
      outcome = { error };
    }
    if (decision?.refresh) {
      run.onRetry?.(0, retry, decision);
      continue;
    }
    const delay =
      decision && retry < maxRetries
        ? retryDelay(retry + 1, policy.backoff, decision.requestedMs, policy.random)
        : undefined;
    if (!decision || delay === undefined || waited + delay > policy.maxRetryWaitMs) {
      if ("error" in outcome) throw outcome.error;
      return outcome.result;
    }
    retry++;
    run.onRetry?.(delay, retry, decision);
    waited += delay;
    await policy.sleep(delay, signal);
  }
}
