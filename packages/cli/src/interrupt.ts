import { EXIT } from "./errors.js";

/**
 * The first Ctrl-C (or SIGTERM) asks the command to stop cleanly (`stop`); a second one ends
 * the process at once. Returns a function that stops listening.
 */
export function onInterrupt(stop: () => void): () => void {
  let asked = false;
  const handler = () => {
    if (asked) process.exit(EXIT.interrupted);
    asked = true;
    stop();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
