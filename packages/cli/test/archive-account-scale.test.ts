// The scale proof in small (`pnpm bench:account` runs 500 users): a 50-user account under
// Zoom's Pro limits, archived with --all-users at concurrency 8 — no 429 at all, every file
// exactly once with the fake's sha256, and downloads under way while the listing goes on.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startZoomFake } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { credentialsEnv } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const USERS = Array.from({ length: 52 }, (_, i) => ({
  email: `user${i + 1}@example.com`,
  // Every tenth deactivated (archived too); the last two invited, never archived.
  status:
    i >= 50 ? ("pending" as const) : i % 10 === 9 ? ("inactive" as const) : ("active" as const),
}));

describe("archive --all-users of a 50-user account", () => {
  it("under Zoom's Pro limits at concurrency 8: zero 429s, every file once with its sha256, downloads during the listing", async () => {
    const fake = await startZoomFake({
      users: USERS,
      from: "2024-05-01",
      to: "2024-05-31",
      meetingsPerUser: 4,
      filesPerMeeting: 3,
      fileSize: 1024,
      awkwardUuids: false,
      accountRateLimits: { plan: "pro" },
    });
    const out = mkdtempSync(join(tmpdir(), "clipkit-account-scale-"));
    cleanups.push(
      // Removed first: a close that throws must not keep the folder.
      () => rmSync(out, { recursive: true, force: true }),
      () => fake.close(),
    );
    const run = await runInProcess(
      [
        ...["zoom", "recordings", "archive", "--all-users", "--from", "2024-05-01"],
        ...["--to", "2024-05-31", "--out", out, "--base-url", fake.baseUrl],
        ...["--token-url", fake.tokenUrl, "--concurrency", "8", "--rate-plan", "pro", "--json"],
      ],
      { env: credentialsEnv(fake) },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    // Zero 429s: ClipKit's own concurrency never met a limit (2 user pages + 50 listings, Medium).
    expect(fake.state.requests.filter((r) => r.status === 429)).toEqual([]);
    const medium = fake.state.requests.filter((r) => r.rateLimit?.category === "Medium");
    expect(medium).toHaveLength(52);

    const archived = new Set(
      fake.state.users.filter((u) => u.status !== "pending").map((u) => u.id),
    );
    const wanted = fake.state.files().filter((f) => archived.has(f.meeting.hostId));
    expect(wanted).toHaveLength(50 * 4 * 3);
    const entries = readFileSync(join(out, "manifest.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { fileId: string; path: string; sha256: string });
    // Exactly once: one line per file, none for another.
    expect(entries.map((e) => e.fileId).sort()).toEqual(wanted.map((f) => f.id).sort());
    for (const entry of entries) {
      const onDisk = createHash("sha256")
        .update(readFileSync(join(out, entry.path)))
        .digest("hex");
      expect({ path: entry.path, sha256: onDisk }).toEqual({
        path: entry.path,
        sha256: fake.state.sha256(entry.fileId),
      });
    }
    const filesOnDisk = readdirSync(out, { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && e.name !== "manifest.jsonl",
    );
    expect(filesOnDisk).toHaveLength(wanted.length);

    // The listing is paced (50 listings at 20/s), the downloads are not: they overlap.
    const types = run.events.map((e) => e.type);
    expect(types.indexOf("start")).toBeLessThan(types.lastIndexOf("listed-user"));
  }, 120_000);
});
