import { describe, expect, it } from "vitest";
import { processIO } from "../src/io.js";

describe("processIO: what a run reaches by default", () => {
  it("the process's own streams and environment", () => {
    const io = processIO();
    expect(io.stdout).toBe(process.stdout);
    expect(io.stderr).toBe(process.stderr);
    expect(io.env).toBe(process.env);
  });

  it("listens to the process's SIGINT and SIGTERM until told to stop", () => {
    const before = ["SIGINT", "SIGTERM"].map((signal) => process.listenerCount(signal));
    const stopListening = processIO().onInterrupt(() => {});
    expect(["SIGINT", "SIGTERM"].map((signal) => process.listenerCount(signal))).toEqual(
      before.map((n) => n + 1),
    );
    stopListening();
    expect(["SIGINT", "SIGTERM"].map((signal) => process.listenerCount(signal))).toEqual(before);
  });
});
