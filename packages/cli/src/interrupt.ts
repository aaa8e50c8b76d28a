import { EXIT } from "./errors.js";

/** Where interrupts come from: the process, or a stand-in in tests. */
export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  exit(code: number): void;
}

/**
 * The first Ctrl-C (or SIGTERM) asks the command to stop cleanly (`stop`); a second one ends
 * the process at once. Returns a function that stops listening.
 */
export function onInterrupt(stop: () => void, source: SignalSource = process): () => void {
  let asked = false;
  const handler = () => {
    if (asked) return source.exit(EXIT.interrupted);
    asked = true;
    stop();
  };
  source.on("SIGINT", handler);
  source.on("SIGTERM", handler);
  return () => {
    source.off("SIGINT", handler);
    source.off("SIGTERM", handler);
  };
}
