// Zoom lists a meeting's TIMELINE file without ID or size (its own example listing shows only
// times, type and download URL), and the fake does the same: the file must still be archived,
// verified and, on a re-run, skipped. Before, it was counted "without a download URL" and
// never downloaded, and verify, planning the same way, did not miss it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { archiveFixture, type Cleanups } from "./archive-fixture.js";
import { eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("a TIMELINE file listed without ID or size", () => {
  it("is archived with the fake's sha256, verified, and skipped on a re-run", async () => {
    const { fake, out, args, env } = await archiveFixture(cleanups, "clipkit-timeline-", {
      meetingsPerUser: 1,
      filesPerMeeting: 5,
      fileSize: 2048,
    });
    const timeline = fake.state.files().find((file) => file.fileType === "TIMELINE");
    if (!timeline) throw new Error("the fake listed no TIMELINE file");

    const first = await runInProcess(args("--json"), { env });
    expect(first.code).toBe(0);
    const entries = readFileSync(join(out, "manifest.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { fileType?: string; path: string; sha256: string });
    expect(entries).toHaveLength(5);
    const entry = entries.find((e) => e.fileType === "TIMELINE");
    expect(entry?.path).toMatch(/\/TIMELINE-[a-z0-9]{8}\.json$/);
    expect(entry?.sha256).toBe(fake.state.sha256(timeline.id));
    expect(readFileSync(join(out, entry?.path ?? "")).length).toBe(2048);

    const again = await runInProcess(args("--json"), { env });
    expect(again.code).toBe(0);
    expect(eventsOf(again, "summary")).toMatchObject([{ downloaded: 0, skipped: 5 }]);

    // The same arguments, `verify` for `archive`.
    const verifyArgs = args("--json").map((arg, i) => (i === 2 ? "verify" : arg));
    expect(verifyArgs.slice(0, 3)).toEqual(["zoom", "recordings", "verify"]);
    const verify = await runInProcess(verifyArgs, { env });
    expect(eventsOf(verify, "verify-summary")).toMatchObject([{ checked: 5, ok: true }]);
    expect(verify.code).toBe(0);
  });
});
