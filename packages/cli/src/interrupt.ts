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
export function onInterrupt(
  stop: (signal: InterruptSignal) => void,
  source: SignalSource = process,
): () => void {
  let asked = false;
  const handler = (signal: InterruptSignal) => () => {
    if (asked) return source.exit(exitCodeOfSignal(signal));
    asked = true;
    stop(signal);
  };
  const onInt = handler("SIGINT");
  const onTerm = handler("SIGTERM");
  source.on("SIGINT", onInt);
  source.on("SIGTERM", onTerm);
  return () => {
    source.off("SIGINT", onInt);
    source.off("SIGTERM", onTerm);
  };
}

export type InterruptSignal = "SIGINT" | "SIGTERM";

/** 128 + the signal's number, as shells report a process a signal ended: 130 and 143. */
export function exitCodeOfSignal(signal: InterruptSignal): number {
  return signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
}
