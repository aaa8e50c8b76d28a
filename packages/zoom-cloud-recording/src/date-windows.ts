import { ClipKitValidationError } from "@clipkit/core";

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DateWindow {
  from: string;
  to: string;
}

function parseDate(field: string, value: string): number {
  const time = Date.parse(`${value}T00:00:00Z`);
  if (
    !ISO_DATE.test(value) ||
    Number.isNaN(time) ||
    new Date(time).toISOString().slice(0, 10) !== value
  ) {
    throw new ClipKitValidationError(
      field,
      `expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
  return time;
}

const format = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Splits the inclusive range `from`..`to` into consecutive inclusive windows of at most
 * `maxDays` days. Zoom rejects ranges longer than "a month"; 30 days fits every month.
 */
export function dateWindows(from: string, to: string, maxDays = 30): DateWindow[] {
  const start = parseDate("from", from);
  const end = parseDate("to", to);
  if (start > end) throw new ClipKitValidationError("from", `${from} is after to (${to})`);
  if (!Number.isInteger(maxDays) || maxDays < 1) {
    throw new ClipKitValidationError("windowDays", `expected a positive integer, got ${maxDays}`);
  }
  const windows: DateWindow[] = [];
  for (let cursor = start; cursor <= end; cursor += maxDays * DAY_MS) {
    windows.push({
      from: format(cursor),
      to: format(Math.min(cursor + (maxDays - 1) * DAY_MS, end)),
    });
  }
  return windows;
}
