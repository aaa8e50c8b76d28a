import { describe, expect, it } from "vitest";
import { ClipKitValidationError } from "../src/index.js";
import { poll } from "../src/internal.js";

class Timeout extends Error {}

/** A run whose check answers from a list (the last answer repeating), recording timedOut's info. */
function run<Seen>(steps: Array<{ done: true; value: string } | { done: false; seen?: Seen }>) {
  const calls = { checks: 0, info: undefined as unknown };
  return {
    calls,
    run: {
      check: async () =>
        steps[Math.min(calls.checks++, steps.length - 1)] ?? { done: false as const },
      timedOut: (info: unknown) => {
        calls.info = info;
        return new Timeout("gave up");
      },
    },
  };
}

function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number, signal: AbortSignal) => {
      waits.push(ms);
      signal.throwIfAborted();
    },
  };
}

describe("poll", () => {
  it("checks until done, doubling the wait up to maxIntervalMs", async () => {
    const { run: r, calls } = run([
      { done: false },
      { done: false },
      { done: false },
      { done: false },
      { done: true, value: "ready" },
    ]);
    const { waits, sleep } = recordingSleep();
    expect(await poll(r, { intervalMs: 100, maxIntervalMs: 300, sleep })).toBe("ready");
    expect(waits).toEqual([100, 200, 300, 300]);
    expect(calls.checks).toBe(5);
  });

  it("starts at maxIntervalMs when intervalMs is longer", async () => {
    const { run: r } = run([{ done: false }, { done: true, value: "x" }]);
    const { waits, sleep } = recordingSleep();
    await poll(r, { intervalMs: 5_000, maxIntervalMs: 1_000, sleep });
    expect(waits).toEqual([1_000]);
  });

  it("waits 2 s first by default", async () => {
    const { run: r } = run([{ done: false }, { done: true, value: "x" }]);
    const { waits, sleep } = recordingSleep();
    await poll(r, { sleep });
    expect(waits).toEqual([2_000]);
  });

  it("gives up at timeoutMs with run.timedOut's error, told the last thing seen", async () => {
    const { run: r, calls } = run<string>([
      { done: false, seen: "queued" },
      { done: false, seen: "processing" },
      { done: false },
    ]);
    const started = Date.now();
    const error = await poll(r, { timeoutMs: 350, intervalMs: 100, maxIntervalMs: 100 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Timeout);
    const info = calls.info as { waitedMs: number; polls: number; lastSeen: string };
    expect(info.lastSeen).toBe("processing");
    expect(info.polls).toBe(calls.checks);
    expect(info.polls).toBeGreaterThanOrEqual(3);
    expect(info.waitedMs).toBeGreaterThanOrEqual(340);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("cuts off a check still in flight at the deadline", async () => {
    let seenSignal: AbortSignal | undefined;
    const error = await poll(
      {
        check: (signal) => {
          seenSignal = signal;
          return new Promise(() => {});
        },
        timedOut: () => new Timeout("gave up"),
      },
      { timeoutMs: 50 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Timeout);
    expect(seenSignal?.aborted).toBe(true);
  });

  it("throws the caller's abort reason, during a wait or before the first check", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const { run: r, calls } = run([{ done: false }]);
    const pending = poll(r, { signal: controller.signal, intervalMs: 10_000 });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
    expect(calls.checks).toBe(1);

    const before = run([{ done: true, value: "x" }]);
    await expect(poll(before.run, { signal: controller.signal })).rejects.toBe(reason);
    expect(before.calls.checks).toBe(0);
  });

  it("passes a failing check's error through", async () => {
    const boom = new Error("boom");
    await expect(
      poll({ check: () => Promise.reject(boom), timedOut: () => new Timeout("") }),
    ).rejects.toBe(boom);
  });

  it.each([
    [{ intervalMs: 99 }, "intervalMs"],
    [{ maxIntervalMs: 99 }, "maxIntervalMs"],
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ timeoutMs: 1.5 }, "timeoutMs"],
  ])("refuses %j naming the option", async (options, field) => {
    const { run: r, calls } = run([{ done: true, value: "x" }]);
    const error = await poll(r, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect((error as ClipKitValidationError).field).toBe(field);
    expect(calls.checks).toBe(0);
  });

  it("accepts the smallest interval, 100 ms", async () => {
    const { run: r } = run([{ done: false }, { done: true, value: "x" }]);
    const { waits, sleep } = recordingSleep();
    await poll(r, { intervalMs: 100, maxIntervalMs: 100, sleep });
    expect(waits).toEqual([100]);
  });
});
