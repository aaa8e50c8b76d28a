// A real SIGINT to the built CLI, in a process of its own (the in-process suites call the
// interrupt hook instead): exit 130, finished files recorded, the resume hint; the re-run resumes.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startZoomFake } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { archiveArgs, credentialsEnv, eventsOf, runCli } from "./run-cli.js";

const KiB = 1024;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const manifestLines = (out: string) =>
  readFileSync(join(out, "manifest.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { fileId: string });

describe("Ctrl-C", () => {
  it("SIGINT to the built CLI stops it cleanly: exit 130, finished files recorded, and says how to resume", async () => {
    const fake = await startZoomFake({
      from: "2024-05-01",
      to: "2024-05-31",
      meetingsPerUser: 6,
      filesPerMeeting: 3,
      fileSize: 256 * KiB,
    });
    const out = mkdtempSync(join(tmpdir(), "clipkit-archive-sigint-"));
    cleanups.push(
      // Removed first: a close that throws must not keep the folder.
      () => rmSync(out, { recursive: true, force: true }),
      () => fake.close(),
    );
    const args = (...more: string[]) =>
      archiveArgs(fake, { from: "2024-05-01", to: "2024-05-31", out }, ...more);
    const env = credentialsEnv(fake);
    fake.faults.slowBody({ bytesPerSecond: 256 * KiB });
    let sent = false;
    const run = await runCli(args("--json"), {
      env,
      onEvent(event, child) {
        if (event.type === "done" && !sent) {
          sent = true;
          child.kill("SIGINT");
        }
      },
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain("To resume, run again:");
    expect(run.stderr).toContain("clipkit zoom recordings archive --user me");
    expect(eventsOf(run, "summary")[0]).toMatchObject({ interrupted: true });
    const recorded = manifestLines(out).map((e) => e.fileId);
    expect(recorded.sort()).toEqual(
      eventsOf(run, "done")
        .map((e) => e.fileId)
        .sort(),
    );
    fake.faults.clear();
    const resumed = await runCli(args("--json"), { env });
    expect(resumed.code).toBe(0);
    expect(eventsOf(resumed, "plan")[0]?.skipFiles).toBe(recorded.length);
  });
});
