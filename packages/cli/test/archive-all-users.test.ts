// `--all-users`: every user of the account (active and inactive by default), listed once
// through the Users API, then each user's recordings into a folder named by their email.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ZoomFake } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { archiveFixture, MAY } from "./archive-fixture.js";
import { eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const USERS = [
  { email: "ada@example.com" },
  { email: "bob@example.com" },
  { email: "left@example.com", status: "inactive" as const },
  { email: "gone@example.com", status: "inactive" as const },
  { email: "invited@example.com", status: "pending" as const },
];

async function setup() {
  const fixture = await archiveFixture(cleanups, "clipkit-all-users-", {
    users: USERS,
    meetingsPerUser: 2,
    filesPerMeeting: 2,
    fileSize: 4096,
  });
  const { fake, out } = fixture;
  const args = (...more: string[]) => [
    ...["zoom", "recordings", "archive", "--all-users", "--from", MAY.from],
    ...["--to", MAY.to, "--out", out, "--base-url", fake.baseUrl],
    ...["--token-url", fake.tokenUrl, ...more],
  ];
  return { ...fixture, args };
}

const filesOf = (fake: ZoomFake, emails: string[]) => {
  const ids = new Set(fake.state.users.filter((u) => emails.includes(u.email)).map((u) => u.id));
  return fake.state.files().filter((f) => ids.has(f.meeting.hostId));
};

describe("archive --all-users", () => {
  it("archives every active and inactive user's recordings, each under its email, with the fake's sha256", async () => {
    const { fake, out, args, env } = await setup();
    const run = await runInProcess(args("--json"), { env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(eventsOf(run, "users")).toEqual([
      { type: "users", byStatus: { active: 2, inactive: 2 }, total: 4 },
    ]);
    const wanted = filesOf(
      fake,
      USERS.slice(0, 4).map((u) => u.email),
    );
    expect(wanted).toHaveLength(4 * 2 * 2);
    const manifest = readFileSync(join(out, "manifest.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { fileId: string; user: string; sha256: string });
    expect(manifest.map((e) => e.fileId).sort()).toEqual(wanted.map((f) => f.id).sort());
    for (const entry of manifest) {
      expect(entry.sha256).toBe(fake.state.sha256(entry.fileId));
      const host = fake.state.files().find((f) => f.id === entry.fileId)?.meeting.hostId;
      expect(fake.state.users.find((u) => u.id === host)?.email).toBe(entry.user);
    }
    // The pending user is not listed; the users were listed once, a page per status.
    const userListings = fake.state.requests
      .map((r) => new URL(r.url, "http://x"))
      .filter((url) => url.pathname === "/v2/users");
    expect(userListings.map((url) => url.searchParams.get("status"))).toEqual([
      "active",
      "inactive",
    ]);
    // Progress: users done / total, ending at every user.
    expect(eventsOf(run, "user-done").at(-1)).toMatchObject({ done: 4, total: 4 });
    expect(fake.state.credentialLeaks()).toEqual([]);
  });

  it("--dry-run prints per-user and account totals and downloads nothing", async () => {
    const { fake, args, env } = await setup();
    const run = await runInProcess(args("--dry-run", "--user-status", "inactive,pending"), {
      env,
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("3 user(s) in the account: 2 inactive, 1 pending");
    const emails = ["left@example.com", "gone@example.com", "invited@example.com"];
    for (const [i, email] of emails.entries()) {
      const files = filesOf(fake, [email]);
      const bytes = files.reduce((sum, f) => sum + f.size, 0);
      expect(files).toHaveLength(4);
      expect(lines).toContain(
        `listed ${i + 1}/3 ${email}: 2 meeting(s), 4 file(s), ${bytes / 1024}.0 KiB`,
      );
    }
    expect(lines).toContain(
      "3 users, 6 meeting(s), 12 file(s), 48.0 KiB: 12 to download (48.0 KiB), 0 already verified",
    );
    expect(fake.state.cdnRequests).toEqual([]);
  });
});
