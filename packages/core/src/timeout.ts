import { AbortError } from "./errors/request-errors.js";

export interface AttemptSignal {
  /** Aborts on the caller's abort or when the attempt runs out of time. */
  signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the clock; a caller abort still cancels a streamed body. */
  clear(): void;
  /** Also stops following the caller's signal: once the attempt is over. */
  release(): void;
  /** Aborts the attempt's request (an idle stream) with `reason`. */
  abort(reason: unknown): void;
}

/**
 * A signal for one attempt: the caller's signal combined with a per-attempt timer. A timer
 * (not `AbortSignal.timeout`) so it can be cleared, and so the two causes stay apart. Combined
 * by hand rather than with `AbortSignal.any` so the timer can stop once a JSON body is read
 * (or, for a stream, at its headers) while the caller's abort still cancels the body.
 */
export function attemptSignal(timeoutMs: number, callerSignal: AbortSignal): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal.reason);
  const handle = setTimeout(() => {
    timedOut = true;
    controller.abort(
      new DOMException(`the attempt took longer than ${timeoutMs} ms`, "TimeoutError"),
    );
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
    abort: (reason) => controller.abort(reason),
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

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
