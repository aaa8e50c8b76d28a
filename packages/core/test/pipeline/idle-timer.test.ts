import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { idleTimer } from "../../src/pipeline/idle-timer.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("idleTimer", () => {
  it("fires once, idleMs after the last movement while watching", () => {
    const onIdle = vi.fn();
    const watch = idleTimer(100, onIdle);
    watch.resume();
    vi.advanceTimersByTime(60);
    watch.touch();
    vi.advanceTimersByTime(99);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    watch.resume();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("does not count the time it is paused, and counts afresh from resume", () => {
    const onIdle = vi.fn();
    const watch = idleTimer(100, onIdle);
    watch.resume();
    vi.advanceTimersByTime(50);
    watch.pause();
    vi.advanceTimersByTime(500);
    expect(onIdle).not.toHaveBeenCalled();
    watch.resume();
    vi.advanceTimersByTime(99);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("never fires once stopped, nor before it is first resumed", () => {
    const onIdle = vi.fn();
    const idleFromStart = idleTimer(100, onIdle);
    vi.advanceTimersByTime(1_000);
    const watch = idleTimer(100, onIdle);
    watch.resume();
    vi.advanceTimersByTime(50);
    watch.stop();
    vi.advanceTimersByTime(1_000);
    idleFromStart.stop();
    expect(onIdle).not.toHaveBeenCalled();
  });

  it("arms one timer however many movements there are", () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const watch = idleTimer(100, () => {});
    watch.resume();
    for (let i = 0; i < 1_000; i++) watch.touch();
    watch.pause();
    watch.resume();
    expect(spy).toHaveBeenCalledTimes(1);
    watch.stop();
    spy.mockRestore();
  });
});
