import { TimeoutError } from "@clipkit/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { idleLimit } from "../../src/uploads/idle-limit.js";

// The clock is vitest's fake one: every "quiet for N ms" below is exact, whatever the load.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A source whose chunks the test hands out by hand; records how it was cancelled. */
function manualSource() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const cancelled: unknown[] = [];
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel(reason) {
        cancelled.push(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return {
    stream,
    cancelled,
    push: (n: number) => controller.enqueue(new Uint8Array(n)),
    end: () => controller.close(),
    fail: (error: unknown) => controller.error(error),
  };
}

/** Reads one chunk, recording the outcome instead of awaiting it. */
function readOne(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const outcome: { value?: ReadableStreamReadResult<Uint8Array>; error?: unknown } = {};
  const done = reader.read().then(
    (value) => {
      outcome.value = value;
    },
    (error: unknown) => {
      outcome.error = error;
    },
  );
  return { outcome, done };
}

describe("idleLimit: a body that fails when no byte moves for idleMs", () => {
  it("fails with a TimeoutError naming the request and the limit, and cancels the source with it", async () => {
    const source = manualSource();
    const limited = idleLimit(source.stream, 100, "POST https://files.example/clips/files");
    const { outcome } = readOne(limited.body.getReader());
    await vi.advanceTimersByTimeAsync(99);
    expect(outcome).toEqual({});
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect((outcome.error as Error).message).toBe(
      "POST https://files.example/clips/files: no byte of the body moved for 100 ms",
    );
    expect(source.cancelled).toEqual([outcome.error]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("counts from the last byte that moved, not from the start", async () => {
    const source = manualSource();
    const limited = idleLimit(source.stream, 100, "POST x");
    const reader = limited.body.getReader();
    await vi.advanceTimersByTimeAsync(60);
    const first = readOne(reader);
    source.push(10);
    await first.done;
    expect(first.outcome.value?.value?.byteLength).toBe(10);
    const second = readOne(reader);
    // The timer set for t=100 finds 40 ms of quiet and waits the 60 ms left.
    await vi.advanceTimersByTimeAsync(99);
    expect(second.outcome).toEqual({});
    await vi.advanceTimersByTimeAsync(1);
    expect(second.outcome.error).toBeInstanceOf(TimeoutError);
  });

  it("a pull from the network is movement too: a server that reads slowly is not idle", async () => {
    const source = manualSource();
    const limited = idleLimit(source.stream, 100, "POST x");
    const reader = limited.body.getReader();
    source.push(1);
    await readOne(reader).done;
    await vi.advanceTimersByTimeAsync(90);
    // The server asks for more at t=90; the source answers at t=150.
    const next = readOne(reader);
    await vi.advanceTimersByTimeAsync(60);
    source.push(1);
    await next.done;
    expect(next.outcome.value?.value?.byteLength).toBe(1);
  });

  it("stops the clock when the body ends", async () => {
    const source = manualSource();
    const limited = idleLimit(source.stream, 100, "POST x");
    const reader = limited.body.getReader();
    source.push(5);
    source.end();
    expect((await reader.read()).value?.byteLength).toBe(5);
    expect((await reader.read()).done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(source.cancelled).toEqual([]);
  });

  it("passes a source's read error on as it is, and stops the clock", async () => {
    const source = manualSource();
    const limited = idleLimit(source.stream, 100, "POST x");
    const broken = new Error("EIO");
    source.fail(broken);
    await expect(limited.body.getReader().read()).rejects.toBe(broken);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("cancelling the body cancels the source with the reason, and stops the clock", async () => {
    const source = manualSource();
    const limited = idleLimit(source.stream, 100, "POST x");
    await limited.body.cancel("gone");
    expect(source.cancelled).toEqual(["gone"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("dispose releases an unread source and stops the clock; after the end it does nothing", async () => {
    const unread = manualSource();
    idleLimit(unread.stream, 100, "POST x").dispose();
    expect(unread.cancelled).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);

    const read = manualSource();
    const limited = idleLimit(read.stream, 100, "POST x");
    const reader = limited.body.getReader();
    read.end();
    expect((await reader.read()).done).toBe(true);
    limited.dispose();
    expect(read.cancelled).toEqual([]);
  });

  it("a body disposed while the network waits for a chunk never ends as if it were whole", async () => {
    const source = manualSource();
    const limited = idleLimit(source.stream, 100, "POST x");
    const reader = limited.body.getReader();
    const pending = readOne(reader);
    limited.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(source.cancelled).toHaveLength(1);
    // A cut body that closed normally could pass for a complete (short) upload.
    expect(pending.outcome).toEqual({});
  });

  it("a chunk that arrives after the limit struck is dropped: the body stays failed", async () => {
    const source = manualSource();
    const limited = idleLimit(source.stream, 100, "POST x");
    const reader = limited.body.getReader();
    const first = readOne(reader);
    await vi.advanceTimersByTimeAsync(100);
    expect(first.outcome.error).toBeInstanceOf(TimeoutError);
    await expect(reader.read()).rejects.toBe(first.outcome.error);
  });
});
