// The archive under Zoom's rate limits: --rate-plan and --max-rps checked before credentials,
// and a daily limit stops the run cleanly (exit 3, the reset time named), a re-run resumes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startZoomFake } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { archiveFixture } from "./archive-fixture.js";
import { credentialsEnv, eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const setup = () =>
  archiveFixture(cleanups, "clipkit-archive-rate-", {
    meetingsPerUser: 3,
    filesPerMeeting: 2,
    fileSize: 2048,
  });

const DAY_MS = 24 * 60 * 60 * 1000;
// Zoom's daily limits reset at 00:00 UTC: the next one, as the fake states it.
const RESETS_AT = new Date((Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS).toISOString();

describe("archive under Zoom's rate limits", () => {
  it.each([
    [["--rate-plan", "gold"], /--rate-plan.*pro or business/],
    [["--max-rps", "0"], /--max-rps.*whole number/],
    [["--max-rps", "2.5"], /--max-rps.*whole number/],
  ])("refuses %j as a usage error before looking for credentials", async (flags, message) => {
    const run = await runInProcess(
      ["zoom", "recordings", "archive", "--user", "me", "--from", "2024-05-01"]
        .concat(["--out", tmpdir()])
        .concat(flags),
      { env: {} },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/credentials/i);
  });

  it("a daily limit while listing: exit 3 naming the reset, nothing downloaded; the re-run archives all", async () => {
    const { fake, args, env } = await setup();
    fake.faults.dailyLimit({ resetsAt: RESETS_AT });
    const stopped = await runInProcess(args("--json", "--rate-plan", "business"), { env });
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toContain(`resets at ${RESETS_AT}`);
    expect(eventsOf(stopped, "done")).toEqual([]);
    // Not retried: one listing request met the limit, and the run asked for nothing more.
    expect(fake.state.requests.filter((r) => r.target === "api")).toHaveLength(1);
    const again = await runInProcess(args("--json", "--max-rps", "50"), { env });
    expect(again.code).toBe(0);
    expect(eventsOf(again, "done")).toHaveLength(fake.state.files().length);
  });

  it("a daily limit mid-run (on a trash request): the run stops, exit 3; the re-run resumes and finishes", async () => {
    const { fake, args, env } = await setup();
    const stopped = await runInProcess(args("--json", "--trash-after", "--concurrency", "1"), {
      env,
      onEvent(event) {
        // After the listing, the next API request is the first trash request.
        if (event.type === "plan") fake.faults.dailyLimit({ resetsAt: RESETS_AT });
      },
    });
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toContain(`resets at ${RESETS_AT}`);
    expect(stopped.stderr).toContain("run again");
    const first = eventsOf(stopped, "done").length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(fake.state.files().length);
    expect(eventsOf(stopped, "trash-failed")).toEqual([]);
    const again = await runInProcess(args("--json", "--trash-after"), { env });
    expect(again.code).toBe(0);
    expect(eventsOf(again, "done").length + first).toBe(fake.state.files().length);
    expect(fake.state.meetings.every((m) => m.trashedAt !== undefined)).toBe(true);
  });

  it("archives a 30-user account with --all-users at concurrency 8 under Zoom's Pro limits: zero 429s", async () => {
    const fake = await startZoomFake({
      users: Array.from({ length: 30 }, (_, i) => ({
        email: `user${i}@example.com`,
        ...(i % 5 === 0 ? { status: "inactive" as const } : {}),
      })),
      from: "2024-05-01",
      to: "2024-05-31",
      meetingsPerUser: 1,
      filesPerMeeting: 2,
      fileSize: 1024,
      accountRateLimits: { plan: "pro" },
    });
    const out = mkdtempSync(join(tmpdir(), "clipkit-archive-account-"));
    cleanups.push(
      () => rmSync(out, { recursive: true, force: true }),
      () => fake.close(),
    );
    const run = await runInProcess(
      [
        ...["zoom", "recordings", "archive", "--all-users", "--from", "2024-05-01"],
        ...["--to", "2024-05-31", "--out", out, "--base-url", fake.baseUrl],
        ...["--token-url", fake.tokenUrl, "--concurrency", "8", "--trash-after", "--json"],
      ],
      { env: credentialsEnv(fake) },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const api = fake.state.requests.filter((r) => r.target === "api");
    // 1 users page + 30 listings (Medium, 20/s) + 30 trash requests (Light, 30/s).
    expect(api.length).toBeGreaterThanOrEqual(61);
    expect(api.filter((r) => r.status === 429)).toEqual([]);
    expect(eventsOf(run, "done")).toHaveLength(fake.state.files().length);
    expect(eventsOf(run, "trashed")).toHaveLength(30);
  });
});
