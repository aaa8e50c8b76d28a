// --trash-after, --dry-run, Ctrl-C, re-runs, failures and progress, in-process, each against a
// fresh Zoom fake (archive-sigint.test.ts sends the built CLI a real SIGINT).
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ZoomFakeOptions } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import type { ArchiveEvent } from "../src/archive/events.js";
import { archiveFixture } from "./archive-fixture.js";
import { archiveArgs, eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const KiB = 1024;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const setup = (options: ZoomFakeOptions = {}) =>
  archiveFixture(cleanups, "clipkit-archive-options-", {
    meetingsPerUser: 6,
    filesPerMeeting: 3,
    fileSize: { min: 16 * KiB, max: 32 * KiB },
    ...options,
  });

const manifestLines = (out: string) =>
  readFileSync(join(out, "manifest.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map(
      (line) =>
        JSON.parse(line) as { fileId: string; meetingUuid: string; status: string; sha256: string },
    );

describe("--trash-after", () => {
  it("trashes each meeting only after every one of its files is verified; a failed file keeps its meeting", async () => {
    const { fake, out, args, env } = await setup();
    const meetings = [...fake.state.meetings];
    // The first download (concurrency 1: the first file of the newest meeting) is refused for good.
    fake.faults.serverError({ count: 1, status: 404, on: "download" });
    const run = await runInProcess(args("--trash-after", "--concurrency", "1", "--json"), { env });
    expect(run.code).toBe(1);
    // The exit code is the run's, not written into the process that hosts it.
    expect(process.exitCode).toBeUndefined();
    const failed = eventsOf(run, "failed");
    expect(failed).toHaveLength(1);
    const kept = fake.state.files().find((f) => f.id === failed[0]?.fileId)?.meeting;
    expect(kept?.trashedAt).toBeUndefined();
    const trashed = meetings.filter((m) => m.trashedAt !== undefined);
    expect(trashed).toHaveLength(meetings.length - 1);
    // Every trash request came after the last file of its meeting was verified.
    const order = run.events.map((e) =>
      e.type === "done" ? `done:${e.fileId}` : e.type === "trashed" ? `trash:${e.meetingUuid}` : "",
    );
    for (const meeting of trashed) {
      const trashAt = order.indexOf(`trash:${meeting.uuid}`);
      for (const file of meeting.files) {
        const doneAt = order.indexOf(`done:${file.id}`);
        expect(doneAt).toBeGreaterThanOrEqual(0);
        expect(doneAt).toBeLessThan(trashAt);
      }
    }
    const statuses = manifestLines(out);
    expect(statuses.filter((e) => e.status === "trashed")).toHaveLength(trashed.length * 3);

    // The re-run lists only the kept meeting, downloads its missing file, then trashes it.
    const again = await runInProcess(args("--trash-after", "--json"), { env });
    expect(again.code).toBe(0);
    expect(eventsOf(again, "plan")[0]).toMatchObject({ files: 3, skipFiles: 2, downloadFiles: 1 });
    expect(eventsOf(again, "done").map((e) => e.fileId)).toEqual([failed[0]?.fileId]);
    expect(eventsOf(again, "trashed").map((e) => e.meetingUuid)).toEqual([kept?.uuid]);
    expect(kept?.trashedAt).toBeDefined();
    expect(fake.state.credentialLeaks()).toEqual([]);
  });
});

describe("--dry-run", () => {
  it("prints what would be downloaded and trashed, with totals, and changes nothing", async () => {
    const { fake, args, env } = await setup();
    const run = await runInProcess(args("--dry-run", "--trash-after"), { env });
    expect(run.code).toBe(0);
    const files = fake.state.files();
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    expect(run.stdout.match(/^would download /gm)).toHaveLength(files.length);
    expect(run.stdout.match(/^would move to trash: /gm)).toHaveLength(6);
    expect(run.stdout).toContain(`${files.length} to download`);
    expect(run.stdout).toContain("dry run: nothing downloaded or trashed");
    const json = await runInProcess(args("--dry-run", "--json"), { env });
    expect(eventsOf(json, "plan")[0]).toMatchObject({
      files: files.length,
      bytes,
      downloadFiles: files.length,
      downloadBytes: bytes,
      dryRun: true,
    });
    expect(fake.state.cdnRequests).toEqual([]);
    expect(fake.state.meetings.every((m) => m.trashedAt === undefined)).toBe(true);
  });
});

describe("Ctrl-C", () => {
  it("in-process: a Ctrl-C mid-download stops the run (the hint repeats the arguments, quoted for a shell); the re-run resumes the partial files", async () => {
    const { fake, out, env } = await setup({
      meetingsPerUser: 2,
      filesPerMeeting: 2,
      fileSize: 128 * KiB,
    });
    fake.faults.slowBody({ bytesPerSecond: 128 * KiB });
    const awkward = join(out, "it's here");
    const args = [
      ...archiveArgs(fake, { from: "2024-05-01", to: "2024-05-31", out: awkward }),
      ...["--concurrency", "2", "--json"],
    ];
    let interrupted = false;
    const run = await runInProcess(args, {
      env,
      onEvent(event, control) {
        if (event.type === "progress" && event.bytes >= 16 * KiB && !interrupted) {
          interrupted = true;
          control.interrupt();
        }
      },
    });
    expect(run.code).toBe(130);
    const quoted = args.map((arg) =>
      arg === awkward ? `'${awkward.replaceAll("'", `'\\''`)}'` : arg,
    );
    expect(run.stderr).toBe(
      `Interrupted: finished files are kept and recorded; partial ones resume. To resume, run again:\n  clipkit ${quoted.join(" ")}\n`,
    );
    expect(eventsOf(run, "summary")[0]).toMatchObject({ interrupted: true, failed: 0 });
    // The downloads the interrupt cut short are not failures: they resume.
    expect(eventsOf(run, "failed")).toEqual([]);
    expect(eventsOf(run, "done").length).toBeLessThan(fake.state.files().length);

    fake.faults.clear();
    const again = await runInProcess(args, { env });
    expect(again).toMatchObject({ code: 0, stderr: "" });
    const downloaded = eventsOf(again, "done").filter((e) => !e.verifiedOnly);
    expect(downloaded.filter((e) => e.resumedFrom > 0).length).toBeGreaterThan(0);
    // Bytes downloaded by the re-run: a resumed file counts only what it fetched now.
    expect(eventsOf(again, "summary")[0]).toMatchObject({
      failed: 0,
      interrupted: false,
      downloadedBytes: downloaded.reduce((sum, e) => sum + e.size - e.resumedFrom, 0),
    });
    for (const file of fake.state.files()) {
      const done = again.events.find((e) => e.type === "done" && e.fileId === file.id);
      expect(done && "sha256" in done ? done.sha256 : undefined).toBe(fake.state.sha256(file.id));
    }
  });

  it("in-process: a Ctrl-C while listing ends the run at once, exit 130, nothing downloaded", async () => {
    const { fake, args, env } = await setup();
    const run = await runInProcess(args("--json"), {
      env,
      onEvent(event, control) {
        if (event.type === "listing") control.interrupt();
      },
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toBe("Interrupted before any download: run the same command again.\n");
    expect(run.events.map((e) => e.type)).toEqual(["listing"]);
    expect(fake.state.cdnRequests).toEqual([]);
  });
});

describe("re-runs", () => {
  it("a complete archive that lost its manifest: every file hashed in place, none downloaded", async () => {
    const { fake, out, args, env } = await setup();
    const files = fake.state.files();
    const first = await runInProcess(args("--json"), { env });
    expect(first.code).toBe(0);
    expect(eventsOf(first, "summary")[0]).toMatchObject({
      downloaded: files.length,
      downloadedBytes: files.reduce((sum, f) => sum + f.size, 0),
      verified: 0,
    });
    rmSync(join(out, "manifest.jsonl"));
    const cdnBefore = fake.state.cdnRequests.length;
    const again = await runInProcess(args("--json"), { env });
    expect(again.code).toBe(0);
    expect(eventsOf(again, "start")).toEqual([]);
    expect(eventsOf(again, "done").every((e) => e.verifiedOnly && e.resumedFrom === 0)).toBe(true);
    expect(eventsOf(again, "summary")[0]).toMatchObject({
      downloaded: 0,
      downloadedBytes: 0,
      verified: files.length,
      skipped: 0,
      failed: 0,
    });
    expect(fake.state.cdnRequests.length).toBe(cdnBefore);
    const hashes = new Map(manifestLines(out).map((e) => [e.fileId, e.sha256]));
    for (const file of files) expect(hashes.get(file.id)).toBe(fake.state.sha256(file.id));
  });

  it("--trash-after on an archive already complete: every meeting trashed, nothing downloaded", async () => {
    const { fake, out, args, env } = await setup();
    expect((await runInProcess(args("--json"), { env })).code).toBe(0);
    const run = await runInProcess(args("--trash-after", "--json"), { env });
    expect(run.code).toBe(0);
    expect(eventsOf(run, "start")).toEqual([]);
    expect(eventsOf(run, "trashed")).toHaveLength(fake.state.meetings.length);
    expect(fake.state.meetings.every((m) => m.trashedAt !== undefined)).toBe(true);
    // Compacted: one line per file, each now `trashed`.
    const lines = manifestLines(out);
    expect(lines).toHaveLength(fake.state.files().length);
    expect(lines.every((e) => e.status === "trashed")).toBe(true);
  });
});

describe("failures", () => {
  it("a trash request refused: that meeting kept and reported, the others trashed, exit 1", async () => {
    const { fake, args, env } = await setup({ meetingsPerUser: 3 });
    expect((await runInProcess(args("--json"), { env })).code).toBe(0);
    const run = await runInProcess(args("--trash-after", "--json"), {
      env,
      onEvent(event) {
        // After the listing: the next API request is the first trash request.
        if (event.type === "plan") fake.faults.serverError({ count: 1, status: 400, on: "api" });
      },
    });
    expect(run.code).toBe(1);
    const [failed, ...more] = eventsOf(run, "trash-failed");
    expect(more).toEqual([]);
    expect(failed?.error).toMatch(/400/);
    expect(eventsOf(run, "trashed")).toHaveLength(2);
    const kept = fake.state.meetings.find((m) => m.uuid === failed?.meetingUuid);
    expect(kept?.trashedAt).toBeUndefined();
    expect(eventsOf(run, "summary")[0]).toMatchObject({ trashed: 2, failed: 1 });
  });

  it("a file longer than the listing said: failed, and nothing kept under its name", async () => {
    const { fake, out, args, env } = await setup({ meetingsPerUser: 1, filesPerMeeting: 2 });
    const [grown, other] = fake.state.files();
    if (!grown || !other) throw new Error("the fake has two files");
    const listed = grown.size;
    const run = await runInProcess(args("--json", "--concurrency", "1"), {
      env,
      onEvent(event) {
        // The fake's own record (files() gives copies): the CDN serves one byte more.
        const live = grown.meeting.files.find((f) => f.id === grown.id);
        if (event.type === "plan" && live) live.size = listed + 1;
      },
    });
    expect(run.code).toBe(1);
    const failed = eventsOf(run, "failed");
    expect(failed).toEqual([
      {
        type: "failed",
        fileId: grown.id,
        path: failed[0]?.path,
        error: `${listed + 1} bytes downloaded; the listing says ${listed}`,
      },
    ]);
    expect(existsSync(join(out, failed[0]?.path ?? ""))).toBe(false);
    expect(eventsOf(run, "done").map((e) => e.fileId)).toEqual([other.id]);
    expect(manifestLines(out).map((e) => e.fileId)).toEqual([other.id]);
  });
});

describe("progress", () => {
  it("several downloads at once, each reporting progress at most every 250 ms", async () => {
    const { fake, args, env } = await setup({
      meetingsPerUser: 2,
      filesPerMeeting: 2,
      fileSize: 96 * KiB,
    });
    fake.faults.slowBody({ bytesPerSecond: 128 * KiB });
    const times: Array<{ at: number; event: ArchiveEvent }> = [];
    const started = performance.now();
    const run = await runInProcess(args("--json", "--concurrency", "4"), {
      env,
      onEvent: (event) => times.push({ at: performance.now(), event }),
    });
    const seconds = (performance.now() - started) / 1000;
    expect(run.code).toBe(0);
    // The summary's time: the run's, to a tenth of a second.
    const summary = eventsOf(run, "summary")[0];
    expect(summary?.seconds).toBeGreaterThan(0.5);
    expect(summary?.seconds).toBeLessThanOrEqual(Math.ceil(seconds * 10) / 10);
    let active = 0;
    let most = 0;
    const last = new Map<string, number>();
    for (const { at, event } of times) {
      if (event.type === "start") most = Math.max(most, ++active);
      if (event.type === "done") active--;
      if (event.type !== "progress") continue;
      expect(event.size).toBe(96 * KiB);
      expect(event.bytes).toBeGreaterThan(0);
      const previous = last.get(event.fileId);
      if (previous !== undefined) expect(at - previous).toBeGreaterThanOrEqual(240);
      last.set(event.fileId, at);
    }
    expect(most).toBeGreaterThan(1);
    expect(last.size).toBeGreaterThan(1);
  });
});
