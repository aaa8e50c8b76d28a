import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { type DateWindow, dateWindows } from "../src/date-windows.js";

// An independent reading of Zoom's "at most one month": compare dates as (year, month, day)
// tuples, with no date arithmetic. A window from y-m-d may end before y-(m+1)-d, where that
// bound need not exist (Feb 30 is after every day of February), so Jan 31 may reach Feb 28/29.
type Ymd = [number, number, number];
const ymd = (iso: string): Ymd => iso.split("-").map(Number) as Ymd;
const before = (a: Ymd, b: Ymd) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
function withinOneMonth(from: string, to: string): boolean {
  const [y, m, d] = ymd(from);
  const bound: Ymd = m === 12 ? [y + 1, 1, d] : [y, m + 1, d];
  return before(ymd(to), bound) < 0;
}
const nextDay = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Every way a list of windows can be wrong for the range from..to; empty when right. */
function problems(from: string, to: string, windows: DateWindow[]): string[] {
  const out: string[] = [];
  if (windows[0]?.from !== from) out.push(`starts at ${windows[0]?.from}`);
  if (windows.at(-1)?.to !== to) out.push(`ends at ${windows.at(-1)?.to}`);
  windows.forEach((w, i) => {
    if (w.from > w.to) out.push(`${w.from}..${w.to} is empty`);
    if (!withinOneMonth(w.from, w.to)) out.push(`${w.from}..${w.to} is longer than a month`);
    // As long as allowed: one more day would break the month, or pass the range's end.
    if (w.to !== to && withinOneMonth(w.from, nextDay(w.to))) out.push(`${w.from}..${w.to} short`);
    const next = windows[i + 1];
    if (next && next.from !== nextDay(w.to)) out.push(`gap or overlap at ${w.to}/${next.from}`);
  });
  return out;
}

const days: string[] = [];
for (let day = "2023-01-01"; day <= "2025-12-31"; day = nextDay(day)) days.push(day);
const LENGTHS = [1, 28, 29, 31, 45, 62, 366];

describe("dateWindows", () => {
  it("splits every range starting on each day of 2023-2025 into full calendar-month windows", () => {
    let ranges = 0;
    let windows = 0;
    const failures: string[] = [];
    for (const from of days) {
      for (const length of LENGTHS) {
        let to = from;
        for (let i = 1; i < length; i++) to = nextDay(to);
        const got = dateWindows(from, to);
        ranges++;
        windows += got.length;
        for (const p of problems(from, to, got)) failures.push(`${from}..${to}: ${p}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(days).toHaveLength(1096);
    expect(ranges).toBe(1096 * LENGTHS.length);
    // The figures of the closing note: 7,672 ranges, 23,998 windows.
    expect(windows).toBe(23_998);
  });

  it.each([
    // given from, to → want windows
    [
      "2025-02-01",
      "2025-03-31",
      [
        ["2025-02-01", "2025-02-28"],
        ["2025-03-01", "2025-03-31"],
      ],
    ],
    [
      "2025-01-31",
      "2025-03-31",
      [
        ["2025-01-31", "2025-02-28"],
        ["2025-03-01", "2025-03-31"],
      ],
    ],
    [
      "2024-01-31",
      "2024-03-01",
      [
        ["2024-01-31", "2024-02-29"],
        ["2024-03-01", "2024-03-01"],
      ],
    ],
    [
      "2024-01-30",
      "2024-03-01",
      [
        ["2024-01-30", "2024-02-29"],
        ["2024-03-01", "2024-03-01"],
      ],
    ],
    [
      "2025-01-15",
      "2025-03-20",
      [
        ["2025-01-15", "2025-02-14"],
        ["2025-02-15", "2025-03-14"],
        ["2025-03-15", "2025-03-20"],
      ],
    ],
    [
      "2024-12-15",
      "2025-01-20",
      [
        ["2024-12-15", "2025-01-14"],
        ["2025-01-15", "2025-01-20"],
      ],
    ],
    [
      "2025-03-31",
      "2025-05-01",
      [
        ["2025-03-31", "2025-04-30"],
        ["2025-05-01", "2025-05-01"],
      ],
    ],
    ["2025-06-10", "2025-06-10", [["2025-06-10", "2025-06-10"]]],
  ])("%s..%s", (from, to, want) => {
    expect(dateWindows(from, to).map((w) => [w.from, w.to])).toEqual(want);
  });

  it("caps windows at maxDays inside the calendar month when asked for shorter ones", () => {
    expect(dateWindows("2024-01-01", "2024-01-31", 20)).toEqual([
      { from: "2024-01-01", to: "2024-01-20" },
      { from: "2024-01-21", to: "2024-01-31" },
    ]);
    // A maxDays longer than the month never stretches a window past it.
    expect(dateWindows("2025-02-01", "2025-03-31", 40)[0]).toEqual({
      from: "2025-02-01",
      to: "2025-02-28",
    });
  });

  it("caps every window at one day with maxDays 1", () => {
    expect(dateWindows("2025-01-30", "2025-02-01", 1)).toEqual([
      { from: "2025-01-30", to: "2025-01-30" },
      { from: "2025-01-31", to: "2025-01-31" },
      { from: "2025-02-01", to: "2025-02-01" },
    ]);
  });

  it.each([
    // given from, to → want the field and message of the validation error
    ["2025-02-30", "2025-03-01", "from", 'expected a date as YYYY-MM-DD, got "2025-02-30"'],
    // Past any month's 31 days Date.parse gives NaN: still a validation error, not a RangeError.
    ["2025-01-32", "2025-03-01", "from", 'expected a date as YYYY-MM-DD, got "2025-01-32"'],
    ["2025-1-01", "2025-03-01", "from", 'expected a date as YYYY-MM-DD, got "2025-1-01"'],
    ["+002025-01-01", "2025-03-01", "from", 'expected a date as YYYY-MM-DD, got "+002025-01-01"'],
    ["2025-01-01", "tomorrow", "to", 'expected a date as YYYY-MM-DD, got "tomorrow"'],
    ["2025-01-01", "2025-01-31x", "to", 'expected a date as YYYY-MM-DD, got "2025-01-31x"'],
    ["2025-03-02", "2025-03-01", "from", "2025-03-02 is after to (2025-03-01)"],
  ])("rejects %s..%s with a validation error on %s: %s", (from, to, field, message) => {
    const failure = (() => {
      try {
        dateWindows(from, to);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect(failure).toMatchObject({ field, message: `${field}: ${message}` });
  });

  it.each([0, -1, 1.5])("rejects maxDays %s, naming windowDays", (maxDays) => {
    expect(() => dateWindows("2025-01-01", "2025-01-02", maxDays)).toThrow(
      new ClipKitValidationError("windowDays", `expected a positive integer, got ${maxDays}`),
    );
  });
});
