import { AbortError, TimeoutError } from "./errors.js";

export interface AttemptSignal {
  /** Aborts on the caller's abort or when the attempt runs out of time. */
  signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the clock once response headers are in; a caller abort still cancels the body. */
  clear(): void;
  /** Also stops following the caller's signal: for attempts whose response is dropped. */
  release(): void;
}

/**
 * A signal for one attempt: the caller's signal combined with a per-attempt timer. A timer
 * (not `AbortSignal.timeout`) so it can be cleared, and so the two causes stay apart. Combined
 * by hand rather than with `AbortSignal.any` so the timer can stop at the response headers
 * while the caller's abort still cancels the body, and be unhooked for dropped attempts.
 */
export function attemptSignal(timeoutMs: number, callerSignal: AbortSignal): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal.reason);
  const handle = setTimeout(() => {
    timedOut = true;
    controller.abort(new TimeoutError(`the attempt took longer than ${timeoutMs} ms`));
  }, timeoutMs);
  if (callerSignal.aborted) onCallerAbort();
  else callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut && !callerSignal.aborted,
    clear: () => clearTimeout(handle),
    release: () => {
      clearTimeout(handle);
      callerSignal.removeEventListener("abort", onCallerAbort);
    },
  };
}

/** The caller's abort as our `AbortError`, keeping the signal's reason as its cause. */
export function abortErrorFrom(signal: AbortSignal): AbortError {
  return new AbortError("the request was aborted by the caller", { cause: signal.reason });
}

/**
 * Waits `ms`, or rejects as soon as `signal` aborts: with `AbortError` by default, or with
 * what `rejectWith` makes of the signal (a poller passes its own timeout error through).
 */
export function sleep(
  ms: number,
  signal?: AbortSignal,
  rejectWith: (signal: AbortSignal) => unknown = abortErrorFrom,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(rejectWith(signal));
    const onAbort = () => {
      clearTimeout(handle);
      if (signal) reject(rejectWith(signal));
    };
    const handle = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
