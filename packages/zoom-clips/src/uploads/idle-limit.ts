import { TimeoutError } from "@clipkit/core";
import { idleTimer } from "@clipkit/core/internal";

export interface IdleLimited {
  body: ReadableStream<Uint8Array>;
  /** Stops the clock and releases the source (its file handle) if the body was not read to the end. */
  dispose(): void;
}

/**
 * A request body that fails with `TimeoutError` when no byte moves for `idleMs`: neither the
 * network pulls (the server stopped reading) nor the source delivers. The clock stops when the
 * body ends; the wait for the answer after that falls under the attempt's `timeoutMs`.
 */
export function idleLimit(
  source: ReadableStream<Uint8Array>,
  idleMs: number,
  what: string,
): IdleLimited {
  const reader = source.getReader();
  let finished = false;
  let fail!: (error: unknown) => void;
  // Unlike a response body's, this clock also runs between pulls: a server that stops
  // reading is as idle as a source that stops delivering.
  const watch = idleTimer(idleMs, () => {
    finished = true;
    const error = new TimeoutError(`${what}: no byte of the body moved for ${idleMs} ms`);
    fail(error);
    reader.cancel(error).catch(() => {});
  });
  const stop = () => {
    finished = true;
    watch.stop();
  };
  watch.resume();
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        fail = (error) => controller.error(error);
      },
      async pull(controller) {
        watch.touch();
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          stop();
          controller.error(error);
          return;
        }
        if (finished) return;
        watch.touch();
        if (chunk.done) {
          stop();
          controller.close();
        } else controller.enqueue(chunk.value);
      },
      cancel(reason) {
        stop();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return {
    body,
    dispose() {
      if (finished) return;
      stop();
      reader.cancel().catch(() => {});
    },
  };
}
