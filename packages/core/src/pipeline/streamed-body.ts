import { type FailureContext, failureFrom } from "../errors/failure.js";
import { TimeoutError } from "../errors/request-errors.js";

export interface GuardOptions extends FailureContext {
  /** Fail when no byte arrives for this long. */
  idleMs: number;
  /** Stops the request underneath (its socket) with `reason`. */
  abort(reason: unknown): void;
  /** Called once when the stream ends, errors or is cancelled. */
  done(): void;
}

/**
 * A streamed body under the lifecycle's rules: an idle timer per read (a server that stalls
 * mid-body fails with `TimeoutError` instead of hanging for minutes), and every failure —
 * reset, caller abort — as a typed error.
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  options: GuardOptions,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  const finish = () => {
    if (!finished) {
      finished = true;
      options.done();
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let idle = false;
        const timer = setTimeout(() => {
          idle = true;
          options.abort(new TimeoutError(`${options.what}: no data for ${options.idleMs} ms`));
        }, options.idleMs);
        try {
          const { done, value } = await reader.read();
          if (done) {
            finish();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          finish();
          controller.error(
            idle
              ? new TimeoutError(`${options.what}: no data for ${options.idleMs} ms`)
              : failureFrom(error, options),
          );
        } finally {
          clearTimeout(timer);
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
