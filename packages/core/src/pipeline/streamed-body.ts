import { type FailureContext, failureFrom } from "../errors/failure.js";
import { TimeoutError } from "../errors/request-errors.js";
import { idleTimer } from "./idle-timer.js";

export interface GuardOptions extends FailureContext {
  /** Fail when no byte arrives for this long. */
  idleMs: number;
  /** Stops the request underneath (its socket) with `reason`. */
  abort(reason: unknown): void;
  /** Called once when the stream ends, errors or is cancelled. */
  done(): void;
}

/**
 * A streamed body under the lifecycle's rules: an idle limit on each read (a server that
 * stalls mid-body fails with `TimeoutError` instead of hanging for minutes; a reader that
 * takes its time between reads does not count), and every failure — reset, caller abort —
 * as a typed error.
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  options: GuardOptions,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  let idle = false;
  const idleError = () => new TimeoutError(`${options.what}: no data for ${options.idleMs} ms`);
  const watch = idleTimer(options.idleMs, () => {
    idle = true;
    options.abort(idleError());
  });
  const finish = () => {
    watch.stop();
    if (!finished) {
      finished = true;
      options.done();
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        watch.resume();
        try {
          const { done, value } = await reader.read();
          if (done) {
            finish();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          finish();
          controller.error(idle ? idleError() : failureFrom(error, options));
        } finally {
          watch.pause();
        }
      },
      cancel(reason) {
        finish();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
