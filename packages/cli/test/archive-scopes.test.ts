// Scopes up front: the archive compares the scopes its Server-to-Server token was granted with
// the generated scopes of the operations the run needs; a dry run reports what is missing, a
// real run refuses before any download. A refusal Zoom sends anyway (4711) names the scopes.
import { readdirSync } from "node:fs";
import type { ZoomFakeOptions } from "@clipkit/testing";
import { operationInfo as recordings } from "@clipkit/zoom-cloud-recording";
import { operationInfo as users } from "@clipkit/zoom-users";
import { afterEach, describe, expect, it } from "vitest";
import { archiveFixture } from "./archive-fixture.js";
import { eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const LIST = recordings["GET /users/{userId}/recordings"].scopes;
const TRASH = recordings["DELETE /meetings/{meetingId}/recordings"].scopes;
const USERS = users["GET /users"].scopes;
/** An admin app's granular scopes, one per operation. */
const adminScope = (scopes: { granular: readonly string[] }) =>
  scopes.granular.find((s) => s.endsWith(":admin")) as string;

const setup = (grantedScopes: ZoomFakeOptions["grantedScopes"]) =>
  archiveFixture(cleanups, "clipkit-scopes-", {
    users: 1,
    meetingsPerUser: 1,
    filesPerMeeting: 2,
    fileSize: 1024,
    grantedScopes,
  });

describe("archive and the token's scopes", () => {
  it("--dry-run --trash-after: reports the trash it may not do, and still plans the rest", async () => {
    const { fake, args, env } = await setup([adminScope(LIST)]);
    const run = await runInProcess(args("--dry-run", "--trash-after", "--json"), { env });
    expect(run.code).toBe(0);
    expect(eventsOf(run, "missing-scopes")).toEqual([
      {
        type: "missing-scopes",
        operation: "DELETE /meetings/{meetingId}/recordings",
        purpose: "move recordings to the trash",
        scopes: TRASH,
      },
    ]);
    expect(eventsOf(run, "plan")).toHaveLength(1);
    expect(fake.state.cdnRequests).toHaveLength(0);
  });

  it("--dry-run, plain: one line naming the operation and the scopes that would allow it", async () => {
    const { args, env } = await setup([adminScope(LIST)]);
    const run = await runInProcess(args("--dry-run", "--trash-after"), { env });
    const lines = run.stdout.split("\n").filter((l) => l.startsWith("MISSING SCOPE"));
    expect(lines).toEqual([
      `MISSING SCOPE: the Zoom app's scopes do not allow DELETE /meetings/{meetingId}/recordings (move recordings to the trash): add one of ${[...TRASH.granular, ...TRASH.macro].join(", ")}`,
    ]);
  });

  it("without --dry-run: a one-line error, exit 1, before anything is listed or downloaded", async () => {
    const { fake, out, args, env } = await setup([adminScope(LIST)]);
    const run = await runInProcess(args("--trash-after"), { env });
    expect(run.code).toBe(1);
    const stderr = run.stderr.trim();
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toContain("do not allow DELETE /meetings/{meetingId}/recordings");
    expect(stderr).toContain(adminScope(TRASH));
    expect(fake.state.requests.filter((r) => r.target !== "token")).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });

  it("--all-users needs the users listing too", async () => {
    const { args, env } = await setup([adminScope(LIST)]);
    const run = await runInProcess(
      args("--dry-run", "--json")
        .map((a) => (a === "--user" ? "--all-users" : a))
        .filter((a) => a !== "me"),
      { env },
    );
    expect(eventsOf(run, "missing-scopes").map((e) => e.operation)).toEqual(["GET /users"]);
    expect(eventsOf(run, "missing-scopes")[0]?.scopes).toEqual(USERS);
  });

  it.each([
    { name: "scopes that allow every operation", granted: [adminScope(LIST), adminScope(TRASH)] },
    { name: "a classic (macro) scope", granted: ["recording:write:admin", "recording:read:admin"] },
    { name: "a token response without scope", granted: null },
  ])("$name: nothing reported, and the run archives", async ({ granted }) => {
    const { fake, args, env } = await setup(granted);
    const run = await runInProcess(args("--trash-after", "--json"), { env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(eventsOf(run, "missing-scopes")).toEqual([]);
    expect(eventsOf(run, "done")).toHaveLength(fake.state.files().length);
  });

  it("verify --all-users: a listing the scopes do not allow ends it before anything is listed", async () => {
    const { fake, out, env } = await setup([adminScope(LIST)]);
    const run = await runInProcess(
      [
        ...["zoom", "recordings", "verify", "--all-users", "--from", "2024-05-01"],
        ...["--to", "2024-05-31", "--out", out, "--base-url", fake.baseUrl],
        ...["--token-url", fake.tokenUrl],
      ],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(
      `do not allow GET /users (list the account's users): add one of ${[...USERS.granular, ...USERS.macro].join(", ")}`,
    );
    expect(fake.state.requests.filter((r) => r.target !== "token")).toEqual([]);
  });

  it("a listing refused for its scopes (4711) ends the dry run naming the scopes, never the token", async () => {
    const { args, env } = await setup(["user:read:list_users:admin"]);
    const run = await runInProcess(args("--dry-run"), { env });
    expect(run.stdout).toContain(
      "MISSING SCOPE: the Zoom app's scopes do not allow GET /users/{userId}/recordings",
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("4711");
    expect(run.stderr).toContain(`needs one of the granular scopes ${LIST.granular.join(", ")}`);
    expect(run.stderr).not.toMatch(/fake_|Bearer/);
  });
});
