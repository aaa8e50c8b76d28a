import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import type { ArchiveEvent } from "../../src/archive/events.js";
import { ttyReporter } from "../../src/output/tty-reporter.js";

/** A terminal that keeps what is written, without the cursor and erase sequences. */
function terminal() {
  let text = "";
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(stream, {
    isTTY: true,
    columns: 120,
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes are what it strips.
    text: () => text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/g, ""),
    raw: () => text,
  });
}

const plan = (downloadFiles: number, downloadBytes: number, dryRun = false): ArchiveEvent => ({
  type: "plan",
  users: 1,
  downloadUsers: 1,
  meetings: 1,
  files: downloadFiles + 1,
  bytes: downloadBytes + 1024,
  skipFiles: 1,
  skipBytes: 1024,
  downloadFiles,
  downloadBytes,
  dryRun,
});
const summary: ArchiveEvent = {
  type: "summary",
  downloaded: 1,
  downloadedBytes: 1024,
  verified: 1,
  skipped: 1,
  failed: 1,
  trashed: 0,
  seconds: 1,
  interrupted: false,
  dryRun: false,
};
const file = (id: string) => ({ fileId: id, path: `me/m/${id}.mp4` });
const done = (id: string, size: number, verifiedOnly = false): ArchiveEvent => ({
  type: "done",
  ...file(id),
  size,
  sha256: "x",
  resumedFrom: 0,
  verifiedOnly,
});

describe("ttyReporter: bars on a terminal", () => {
  it("an overall bar of files and bytes, a bar per download; a line for each decision, none lost when the run ends", () => {
    vi.useFakeTimers();
    const out = terminal();
    const reporter = ttyReporter(out);
    for (const event of [
      { type: "listing", users: ["me"], from: "2024-01-01", to: "2024-01-31" },
      plan(3, 3072),
      { type: "start", ...file("one"), size: 1024 },
      { type: "progress", ...file("one"), bytes: 512, size: 1024 },
      // A file the bars never saw start moves no bar.
      { type: "progress", ...file("ghost"), bytes: 999, size: 1024 },
      done("one", 1024),
      // Already complete on disk: verified, its bytes count as done.
      done("three", 1024, true),
      { type: "start", ...file("two"), size: 1024 },
      { type: "failed", ...file("two"), error: "HTTP 404" },
      { type: "kept", meetingUuid: "u-1", topic: "Weekly", reason: "1 file(s) failed" },
      summary,
    ] satisfies ArchiveEvent[]) {
      reporter.emit(event);
      // A quarter second between events: the bars redraw on their timer meanwhile.
      vi.advanceTimersByTime(250);
    }
    vi.useRealTimers();
    const text = out.text();
    const lines = [
      "listing recordings of me from 2024-01-01 to 2024-01-31",
      "1 meeting(s), 4 file(s), 4.0 KiB: 3 to download (3.0 KiB), 1 already verified",
      "FAILED me/m/two.mp4: HTTP 404",
      "not trashed: Weekly (u-1): 1 file(s) failed",
      "1 downloaded (1.0 KiB), 1 verified in place, 1 skipped, 0 meeting(s) trashed, 1 failed, in 1 s",
    ];
    let at = 0;
    for (const line of lines) {
      const found = text.indexOf(`${line}\n`, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found + line.length;
    }
    expect(text.endsWith(`${lines.at(-1)}\n`)).toBe(true);
    // The last drawing of the overall bar: every file accounted for, 2 KiB of 3 done.
    const bars = text.split("\n").filter((line) => line.includes("% | "));
    expect(bars.at(-1)).toMatch(
      /^=+-+ 66% \| 3\/3 files \| 2\.0 KiB \/ 3\.0 KiB \| \S+ \S+\/s \| ETA/,
    );
    expect(
      bars.some((line) => line.includes(" 16% | 0/3 files | 512 B / 3.0 KiB | 1.0 KiB/s | ETA 3s")),
    ).toBe(true);
    expect(bars.some((line) => line.includes("me/m/one.mp4"))).toBe(true);
    expect(bars.some((line) => line.includes("ghost"))).toBe(false);
  });

  it("with several users: users done / total in the overall bar, from those with nothing to download on", () => {
    vi.useFakeTimers();
    const out = terminal();
    const reporter = ttyReporter(out);
    // 3 users, 2 of them with files to download: the third is done from the start.
    const twoToDownload = plan(2, 2048) as Extract<ArchiveEvent, { type: "plan" }>;
    reporter.emit({ ...twoToDownload, users: 3, downloadUsers: 2 });
    vi.advanceTimersByTime(250);
    reporter.emit({ type: "start", ...file("one"), size: 1024 });
    reporter.emit(done("one", 1024));
    reporter.emit({ type: "user-done", user: "a@example.com", done: 2, total: 3 });
    vi.advanceTimersByTime(250);
    reporter.stop();
    vi.useRealTimers();
    const bars = out
      .text()
      .split("\n")
      .filter((line) => line.includes("% | "));
    expect(bars.some((line) => line.includes("| 1/3 users | 0/2 files |"))).toBe(true);
    expect(bars.at(-1)).toContain("| 2/3 users | 1/2 files |");
  });

  it("downloads that start while other users are still listed: bars from the first start, the plan's totals once it comes", () => {
    vi.useFakeTimers();
    const out = terminal();
    const reporter = ttyReporter(out);
    const listed = (user: string, files: number, bytes: number): ArchiveEvent => ({
      type: "listed-user",
      user,
      index: 1,
      total: 2,
      meetings: 1,
      files,
      bytes,
    });
    reporter.emit(listed("a@example.com", 2, 2048));
    reporter.emit({ type: "start", ...file("one"), size: 1024 });
    reporter.emit(done("one", 1024));
    vi.advanceTimersByTime(250);
    reporter.emit(listed("b@example.com", 1, 1024));
    const three = plan(3, 3072) as Extract<ArchiveEvent, { type: "plan" }>;
    reporter.emit({ ...three, users: 2, downloadUsers: 2 });
    vi.advanceTimersByTime(250);
    reporter.stop();
    vi.useRealTimers();
    const bars = out
      .text()
      .split("\n")
      .filter((line) => line.includes("% | "));
    // Before the plan: the first user's 2 files; after it, the account's 3, the one done kept.
    expect(bars.some((line) => line.includes("| 1/2 files | 1.0 KiB / 2.0 KiB"))).toBe(true);
    expect(bars.at(-1)).toContain("| 1/3 files | 1.0 KiB / 3.0 KiB");
  });

  it.each([
    {
      given: "a dry run",
      event: plan(2, 2048, true),
      line: "1 meeting(s), 3 file(s), 3.0 KiB: 2 to download (2.0 KiB), 1 already verified",
    },
    {
      given: "nothing to download",
      event: plan(0, 0),
      line: "1 meeting(s), 1 file(s), 1.0 KiB: 0 to download (0 B), 1 already verified",
    },
  ])("$given: plain lines, no bars", ({ event, line }) => {
    const out = terminal();
    const reporter = ttyReporter(out);
    reporter.emit(event);
    reporter.emit({ type: "would-download", ...file("one"), size: 1024 });
    reporter.note("a note");
    reporter.emit({ ...summary, dryRun: true });
    reporter.stop();
    expect(out.raw()).toBe(
      `${line}\nwould download me/m/one.mp4 (1.0 KiB)\na note\ndry run: nothing downloaded or trashed\n`,
    );
  });

  it("stop() ends the bars, and what comes after is written plainly", () => {
    const out = terminal();
    const reporter = ttyReporter(out);
    reporter.emit(plan(1, 1024));
    reporter.emit({ type: "start", ...file("one"), size: 1024 });
    reporter.note("logged above the bars");
    reporter.stop();
    const before = out.raw().length;
    reporter.note("Interrupted: run again");
    expect(out.raw().slice(before)).toBe("Interrupted: run again\n");
    expect(out.text()).toContain("logged above the bars\n");
  });
});
