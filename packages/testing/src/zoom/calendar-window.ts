const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` as a real calendar date (UTC ms), or undefined. */
export function parseIsoDate(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return formatIsoDate(time) === value ? time : undefined;
}

export const formatIsoDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** Zoom's timestamps: ISO 8601 in UTC to the second (`2025-01-06T09:00:00Z`). */
export const isoSeconds = (time: number): string => `${new Date(time).toISOString().slice(0, 19)}Z`;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/**
 * The last day a listing that starts on `from` may reach under "at most one month": the day
 * before the same day of the next month, clamped at that month's end (Jan 31 → Feb 28/29),
 * and the month's last day for a start on the 1st.
 */
export function lastDayOfMonthWindow(from: number): number {
  const start = new Date(from);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth();
  const day = start.getUTCDate();
  if (day === 1) return Date.UTC(year, month, daysIn(year, month));
  const next = new Date(Date.UTC(year, month + 1, 1));
  const nextYear = next.getUTCFullYear();
  const nextMonth = next.getUTCMonth();
  return Date.UTC(nextYear, nextMonth, Math.min(day - 1, daysIn(nextYear, nextMonth)));
}
