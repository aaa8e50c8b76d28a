import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, TimeoutError } from "../../src/index.js";
import { guardBody } from "../../src/internal.js";

const IDLE_MS = 20;

/** A body the test feeds by hand; `cancelled` holds the reasons it was cancelled with. */
function source() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const cancelled: unknown[] = [];
  let pulls = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: () => {
        pulls++;
      },
      cancel: (reason) => {
        cancelled.push(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, controller, cancelled, pulls: () => pulls };
}

/** A guarded body whose `abort` errors the source as a transport does, with a plain AbortError. */
function guarded(src: ReturnType<typeof source>) {
  const aborts: unknown[] = [];
  const done = vi.fn();
  const stream = guardBody(src.body, {
    what: "GET https://files.example/f",
    idleMs: IDLE_MS,
    abort: (reason) => {
      aborts.push(reason);
      src.controller.error(new DOMException("This operation was aborted", "AbortError"));
    },
    done,
  });
  return { stream, aborts, done };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("guardBody", () => {
  it("calls done once when the body ends", async () => {
    const src = source();
    const { stream, done } = guarded(src);
    src.controller.enqueue(new Uint8Array([1, 2]));
    src.controller.close();
    expect(Buffer.from(await new Response(stream).arrayBuffer())).toEqual(Buffer.from([1, 2]));
    expect(done).toHaveBeenCalledTimes(1);
  });

  it("cancelled during a read: cancels the source with the reason and calls done once", async () => {
    const src = source();
    const { stream, done } = guarded(src);
    const reader = stream.getReader();
    const pending = reader.read();
    await vi.advanceTimersByTimeAsync(0);
    expect(src.pulls()).toBe(1); // the guard is waiting on the source's read
    await reader.cancel("stop");
    expect(await pending).toEqual({ done: true, value: undefined });
    await vi.advanceTimersByTimeAsync(0);
    expect(src.cancelled).toEqual(["stop"]);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it("a body idle for idleMs aborts the transport with a TimeoutError and fails with one, whatever the transport reports", async () => {
    const src = source();
    const { stream, aborts, done } = guarded(src);
    const failure = stream
      .getReader()
      .read()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    const message = `GET https://files.example/f: no data for ${IDLE_MS} ms`;
    expect(aborts).toHaveLength(1);
    expect(aborts[0]).toBeInstanceOf(TimeoutError);
    expect((aborts[0] as Error).message).toBe(message);
    const error = await failure;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(AbortError);
    expect((error as Error).message).toBe(message);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it("a chunk that arrives in time stops that read's idle clock", async () => {
    const src = source();
    const { stream, aborts } = guarded(src);
    const reader = stream.getReader();
    const first = reader.read();
    src.controller.enqueue(new Uint8Array([7]));
    expect((await first).value).toEqual(new Uint8Array([7]));
    // The consumer takes its time before the next read: not the server's stall.
    await vi.advanceTimersByTimeAsync(IDLE_MS * 10);
    expect(aborts).toEqual([]);
  });

  it("reads nothing and runs no idle clock before the consumer asks", async () => {
    const src = source();
    const { aborts } = guarded(src);
    await vi.advanceTimersByTimeAsync(IDLE_MS * 10);
    expect(src.pulls()).toBe(0);
    expect(aborts).toEqual([]);
  });
});
