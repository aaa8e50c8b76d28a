import { TimeoutError } from "@clipkit/core";

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
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  let fail!: (error: unknown) => void;
  const stop = () => {
    finished = true;
    clearTimeout(timer);
  };
  // One timer re-armed for what is left, rather than one per chunk.
  const check = () => {
    const quiet = Date.now() - last;
    if (quiet < idleMs) {
      timer = setTimeout(check, idleMs - quiet);
      return;
    }
    stop();
    const error = new TimeoutError(`${what}: no byte of the body moved for ${idleMs} ms`);
    fail(error);
    reader.cancel(error).catch(() => {});
  };
  timer = setTimeout(check, idleMs);
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        fail = (error) => controller.error(error);
      },
      async pull(controller) {
        last = Date.now();
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          stop();
          controller.error(error);
          return;
        }
        if (finished) return;
        last = Date.now();
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
