import { describe, expect, it } from "vitest";
import {
  formatIsoDate,
  lastDayOfMonthWindow,
  parseIsoDate,
} from "../../src/zoom/calendar-window.js";

const last = (from: string) =>
  formatIsoDate(lastDayOfMonthWindow(parseIsoDate(from) ?? Number.NaN));

describe("lastDayOfMonthWindow", () => {
  it.each([
    { given: "2024-01-01", want: "2024-01-31" },
    { given: "2024-01-15", want: "2024-02-14" },
    { given: "2024-01-31", want: "2024-02-29" },
    { given: "2025-01-31", want: "2025-02-28" },
    { given: "2025-02-01", want: "2025-02-28" },
    { given: "2025-02-02", want: "2025-03-01" },
    { given: "2024-12-05", want: "2025-01-04" },
    { given: "2024-03-31", want: "2024-04-30" },
  ])("a range from $given may end on $want", ({ given, want }) => {
    expect(last(given)).toBe(want);
  });

  it("never exceeds one calendar month for any start in 2023–2025, and never falls short of 27 days", () => {
    // Independent check: the day after the window's end is at most the same day one month later.
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000) {
      const end = lastDayOfMonthWindow(t);
      const start = new Date(t);
      const sameDayNextMonth = Date.UTC(
        start.getUTCFullYear(),
        start.getUTCMonth() + 1,
        start.getUTCDate(),
      );
      expect(end + 86_400_000).toBeLessThanOrEqual(sameDayNextMonth);
      expect((end - t) / 86_400_000).toBeGreaterThanOrEqual(27);
    }
  });

  it("parses only real dates", () => {
    expect(parseIsoDate("2025-02-29")).toBeUndefined();
    expect(parseIsoDate("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDate("2024-2-1")).toBeUndefined();
  });
});
