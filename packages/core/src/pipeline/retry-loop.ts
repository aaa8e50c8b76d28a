import type { Policy } from "../policy.js";
import { retryDelay } from "./retry-decision.js";

/** "Try again", and how long the server asked to wait (if it did). */
export interface RetryDecision {
  requestedMs?: number | undefined;
}

export interface RetryRun<T> {
  /** One attempt; `retry` counts the retries before it (0 for the first). */
  attempt(retry: number): Promise<T>;
  /** A decision to retry after this result, or undefined to return it. */
  retryResult?(result: T): RetryDecision | undefined;
  /** A decision to retry after this error, or undefined to throw it. */
  retryError(error: unknown): RetryDecision | undefined;
  /** Called before each wait, for logging. */
  onRetry?(delayMs: number, retry: number): void;
}

/**
 * The one retry loop of the runtime: API calls, token requests and upload parts all go
 * through it. At most `maxRetries` retries, and no more waiting in total than the policy's
 * `maxRetryWaitMs`: a retry whose wait would pass that budget is not made, and the last
 * answer (or error) stands.
 */
export async function runWithRetries<T>(
  run: RetryRun<T>,
  policy: Policy,
  signal: AbortSignal,
  maxRetries = policy.maxRetries,
): Promise<T> {
  let waited = 0;
  for (let retry = 0; ; retry++) {
    let decision: RetryDecision | undefined;
    let outcome: { result: T } | { error: unknown };
    try {
      const result = await run.attempt(retry);
      decision = retry < maxRetries ? run.retryResult?.(result) : undefined;
      outcome = { result };
    } catch (error) {
      decision = retry < maxRetries ? run.retryError(error) : undefined;
      outcome = { error };
    }
    const delay =
      decision && retryDelay(retry + 1, policy.backoff, decision.requestedMs, policy.random);
    if (!decision || delay === undefined || waited + delay > policy.maxRetryWaitMs) {
      if ("error" in outcome) throw outcome.error;
      return outcome.result;
    }
    run.onRetry?.(delay, retry + 1);
    waited += delay;
    await policy.sleep(delay, signal);
  }
}
