import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ArchiveEvent } from "../../src/archive/events.js";
import type { Output } from "../../src/io.js";
import { jsonReporter } from "../../src/output/json-reporter.js";
import { chooseReporter, plainLine, plainReporter } from "../../src/output/reporter.js";

/** A stream that keeps what is written; a terminal's when `tty`. */
function sink(tty = false): Output & { text: () => string } {
  let text = "";
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(stream, { isTTY: tty, columns: 100, text: () => text });
}

const meeting = { meetingUuid: "uuid-1", topic: "Weekly" };
const summary = {
  type: "summary",
  downloaded: 3,
  downloadedBytes: 3072,
  verified: 1,
  skipped: 2,
  failed: 1,
  trashed: 1,
  seconds: 4.5,
  interrupted: false,
  dryRun: false,
} as const;

describe("plainLine: the line each event is logged as", () => {
  it.each<{ event: ArchiveEvent; want: string | undefined }>([
    {
      event: {
        type: "listing",
        users: ["me", "a@b.example"],
        from: "2024-01-01",
        to: "2024-01-31",
      },
      want: "listing recordings of me, a@b.example from 2024-01-01 to 2024-01-31",
    },
    {
      event: {
        type: "plan",
        users: 1,
        downloadUsers: 1,
        meetings: 2,
        files: 5,
        bytes: 5120,
        skipFiles: 1,
        skipBytes: 1024,
        downloadFiles: 4,
        downloadBytes: 4096,
        dryRun: false,
      },
      want: "2 meeting(s), 5 file(s), 5.0 KiB: 4 to download (4.0 KiB), 1 already verified",
    },
    {
      event: {
        type: "done",
        fileId: "f",
        path: "me/m/a.mp4",
        size: 2048,
        sha256: "x",
        resumedFrom: 0,
        verifiedOnly: false,
      },
      want: "downloaded me/m/a.mp4 (2.0 KiB)",
    },
    {
      event: {
        type: "done",
        fileId: "f",
        path: "me/m/a.mp4",
        size: 2048,
        sha256: "x",
        resumedFrom: 1024,
        verifiedOnly: false,
      },
      want: "downloaded me/m/a.mp4 (2.0 KiB, resumed at 1.0 KiB)",
    },
    {
      event: {
        type: "done",
        fileId: "f",
        path: "me/m/a.mp4",
        size: 2048,
        sha256: "x",
        resumedFrom: 0,
        verifiedOnly: true,
      },
      want: "verified me/m/a.mp4 (2.0 KiB)",
    },
    {
      event: { type: "would-download", fileId: "f", path: "me/m/a.mp4", size: 1024 },
      want: "would download me/m/a.mp4 (1.0 KiB)",
    },
    {
      event: { type: "would-download", fileId: "f", path: "me/m/a.mp4", size: undefined },
      want: "would download me/m/a.mp4",
    },
    {
      event: { type: "failed", fileId: "f", path: "me/m/a.mp4", error: "HTTP 404" },
      want: "FAILED me/m/a.mp4: HTTP 404",
    },
    {
      event: { type: "trashed", ...meeting, files: 3 },
      want: "moved to trash: Weekly (uuid-1), 3 file(s) verified",
    },
    {
      event: { type: "would-trash", ...meeting, files: 3 },
      want: "would move to trash: Weekly (uuid-1), 3 file(s)",
    },
    {
      event: { type: "kept", ...meeting, reason: "no downloadable files" },
      want: "not trashed: Weekly (uuid-1): no downloadable files",
    },
    {
      event: { type: "trash-failed", ...meeting, error: "HTTP 500" },
      want: "FAILED to trash Weekly (uuid-1): HTTP 500",
    },
    {
      event: summary,
      want: "3 downloaded (3.0 KiB), 1 verified in place, 2 skipped, 1 meeting(s) trashed, 1 failed, in 4.5 s",
    },
    {
      event: { ...summary, interrupted: true },
      want: "interrupted: 3 downloaded (3.0 KiB), 1 verified in place, 2 skipped, 1 meeting(s) trashed, 1 failed, in 4.5 s",
    },
    { event: { ...summary, dryRun: true }, want: "dry run: nothing downloaded or trashed" },
    { event: { type: "start", fileId: "f", path: "p", size: 1 }, want: undefined },
    { event: { type: "progress", fileId: "f", path: "p", bytes: 1, size: 2 }, want: undefined },
  ])("$event.type → $want", ({ event, want }) => {
    expect(plainLine(event)).toBe(want);
  });
});

describe("the reporters", () => {
  const failed: ArchiveEvent = { type: "failed", fileId: "f", path: "p", error: "e" };
  const start: ArchiveEvent = { type: "start", fileId: "f", path: "p", size: 1 };

  it("plain: a line per event that has one; notes as lines", () => {
    const out = sink();
    const reporter = plainReporter(out);
    reporter.emit(start);
    reporter.emit(failed);
    reporter.note("To resume, run again");
    reporter.stop();
    expect(out.text()).toBe("FAILED p: e\nTo resume, run again\n");
  });

  it("json: every event as one JSON line on stdout; notes as text on stderr", () => {
    const out = sink();
    const err = sink();
    const reporter = jsonReporter(out, err);
    reporter.emit(start);
    reporter.emit(failed);
    reporter.note("To resume, run again");
    reporter.stop();
    expect(out.text()).toBe(`${JSON.stringify(start)}\n${JSON.stringify(failed)}\n`);
    expect(err.text()).toBe("To resume, run again\n");
  });

  it.each([
    { json: true, tty: true, want: "json" },
    { json: true, tty: false, want: "json" },
    { json: false, tty: true, want: "tty" },
    { json: false, tty: false, want: "plain" },
  ])("--json $json, a terminal $tty: $want", ({ json, tty, want }) => {
    const stdout = sink(tty);
    const stderr = sink();
    const reporter = chooseReporter({ json }, { stdout, stderr });
    reporter.emit({ type: "listing", users: ["me"], from: "2024-01-01", to: "2024-01-02" });
    reporter.note("a note");
    reporter.stop();
    const kind =
      stdout.text().startsWith("{") && stderr.text() === "a note\n"
        ? "json"
        : stdout.text() === "listing recordings of me from 2024-01-01 to 2024-01-02\na note\n"
          ? "plain or tty"
          : "other";
    expect(kind).toBe(want === "json" ? "json" : "plain or tty");
    // Only the terminal's reporter draws bars: a plan with downloads starts them.
    reporter.emit({
      type: "plan",
      users: 1,
      downloadUsers: 1,
      meetings: 1,
      files: 1,
      bytes: 10,
      skipFiles: 0,
      skipBytes: 0,
      downloadFiles: 1,
      downloadBytes: 10,
      dryRun: false,
    });
    reporter.stop();
    expect(stdout.text().includes("\u001b[")).toBe(want === "tty");
  });
});
