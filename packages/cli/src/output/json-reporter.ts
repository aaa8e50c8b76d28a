import type { Output } from "../io.js";
import type { Reporter } from "./reporter.js";

/** One JSON object per event on `out`, for scripts; notes go to `err` as plain text. */
export function jsonReporter(out: Output, err: Output): Reporter {
  return {
    emit: (event) => out.write(`${JSON.stringify(event)}\n`),
    note: (text) => err.write(`${text}\n`),
    stop() {},
  };
}
