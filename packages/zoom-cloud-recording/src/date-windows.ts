import { ClipKitValidationError } from "@clipkit/core";

const DAY_MS = 86_400_000;

export interface DateWindow {
  from: string;
  to: string;
}

const format = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Only a real day written as `YYYY-MM-DD` comes back unchanged from parse-and-format (a
 * "2025-02-30" parses as March 2nd, "2025-1-01" and " 2025-01-01" format differently), so the
 * round trip is the whole format check; NaN is tested first because it cannot be formatted.
 */
function parseDate(field: string, value: string): number {
  const time = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(time) || format(time) !== value) {
    throw new ClipKitValidationError(
      field,
      `expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
  return time;
}

/**
 * The last day Zoom accepts in one request starting on `start`: the same day of the next month
 * minus one day, clamped to that month's end (Jan 31 → Feb 28/29; the 1st → its month's end).
 * Zoom rejects a `from`..`to` longer than a month with 400, code 300; no fixed day count fits
 * every month (30 days from Feb 1 is Mar 2 or Mar 1).
 */
function monthEnd(start: number): number {
  const date = new Date(start);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  // Day 0 of a month is the last day of the one before; Date.UTC carries December into January.
  const lastOfNextMonth = new Date(Date.UTC(year, month + 2, 0)).getUTCDate();
  return Date.UTC(year, month + 1, Math.min(date.getUTCDate() - 1, lastOfNextMonth));
}

/**
 * Splits the inclusive range `from`..`to` into consecutive inclusive windows, each at most one
 * calendar month (see `monthEnd`) and, when `maxDays` is given, at most that many days; no gap,
 * no overlap, the last ending on `to`.
 */
export function dateWindows(from: string, to: string, maxDays?: number): DateWindow[] {
  const start = parseDate("from", from);
  const end = parseDate("to", to);
  if (start > end) throw new ClipKitValidationError("from", `${from} is after to (${to})`);
  if (maxDays !== undefined && (!Number.isInteger(maxDays) || maxDays < 1)) {
    throw new ClipKitValidationError("windowDays", `expected a positive integer, got ${maxDays}`);
  }
  const windows: DateWindow[] = [];
  for (let cursor = start; cursor <= end; ) {
    let last = Math.min(monthEnd(cursor), end);
    if (maxDays !== undefined) last = Math.min(last, cursor + (maxDays - 1) * DAY_MS);
    windows.push({ from: format(cursor), to: format(last) });
    cursor = last + DAY_MS;
  }
  return windows;
}
