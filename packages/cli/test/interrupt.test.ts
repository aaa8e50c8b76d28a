import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { EXIT } from "../src/errors.js";
import { onInterrupt } from "../src/interrupt.js";

function fakeProcess() {
  const emitter = new EventEmitter();
  return Object.assign(emitter, { exit: vi.fn<(code: number) => void>() });
}

describe("onInterrupt", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "the first %s asks to stop, naming itself; a second signal exits at once with its own code (130, 143)",
    (signal) => {
      const source = fakeProcess();
      const stop = vi.fn();
      onInterrupt(stop, source);
      source.emit(signal);
      expect(stop).toHaveBeenCalledTimes(1);
      expect(stop).toHaveBeenCalledWith(signal);
      expect(source.exit).not.toHaveBeenCalled();
      const second = signal === "SIGINT" ? "SIGTERM" : "SIGINT";
      source.emit(second);
      expect(stop).toHaveBeenCalledTimes(1);
      expect(source.exit).toHaveBeenCalledWith(
        second === "SIGINT" ? EXIT.interrupted : EXIT.terminated,
      );
      expect([EXIT.interrupted, EXIT.terminated]).toEqual([130, 143]);
    },
  );

  it("stops listening when asked", () => {
    const source = fakeProcess();
    const stop = vi.fn();
    const stopListening = onInterrupt(stop, source);
    stopListening();
    source.emit("SIGINT");
    source.emit("SIGTERM");
    expect(stop).not.toHaveBeenCalled();
    expect(source.listenerCount("SIGINT") + source.listenerCount("SIGTERM")).toBe(0);
  });
});
