import { AbortError, TimeoutError } from "./errors.js";

export interface AttemptSignal {
  /** Aborts on the caller's abort or when the attempt runs out of time. */
  signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the clock once response headers are in. */
  clear(): void;
}

/**
 * A signal for one attempt: the caller's signal combined with a per-attempt timer. A timer
 * (not `AbortSignal.timeout`) so it can be cleared, and so the two causes stay apart.
 */
export function attemptSignal(timeoutMs: number, callerSignal: AbortSignal): AttemptSignal {
  const timer = new AbortController();
  let timedOut = false;
  const handle = setTimeout(() => {
    timedOut = true;
    timer.abort(new TimeoutError(`the attempt took longer than ${timeoutMs} ms`));
  }, timeoutMs);
  return {
    signal: AbortSignal.any([callerSignal, timer.signal]),
    timedOut: () => timedOut && !callerSignal.aborted,
    clear: () => clearTimeout(handle),
  };
}

/** The caller's abort as our `AbortError`, keeping the signal's reason as its cause. */
export function abortErrorFrom(signal: AbortSignal): AbortError {
  return new AbortError("the request was aborted by the caller", { cause: signal.reason });
}

/** Waits `ms`, or rejects with `AbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortErrorFrom(signal));
    const onAbort = () => {
      clearTimeout(handle);
      reject(abortErrorFrom(signal));
    };
    const handle = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
