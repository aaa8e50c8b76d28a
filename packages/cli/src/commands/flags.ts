import { InvalidArgumentError } from "commander";

/** Retries per request: a run never fails on 429s (core waits as Retry-After and Zoom's headers say). */
export const MAX_RETRIES = 10;

/** A `YYYY-MM-DD` flag, checked before anything is sent. */
export function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD");
  }
  return value;
}
