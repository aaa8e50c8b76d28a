// The Zoom Clips fake and an archive folder for the `clipkit zoom clips …` suites (archive,
// verify): the same account, range and arguments in each, cleaned up by the suite's afterEach.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeClip, FakeUser } from "@clipkit/testing";
import { startZoomClipsFake, type ZoomClipsFake } from "@clipkit/testing";
import { expect } from "vitest";
import { clipPath } from "../src/archive/layout.js";
import type { ManifestEntry } from "../src/archive/manifest.js";
import type { Cleanups } from "./local-s3-bucket.js";
import { credentialsEnv } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

export const KiB = 1024;

export const USERS: Array<Partial<FakeUser>> = [
  { email: "ada@example.com" },
  { email: "left@example.com", status: "inactive" },
  { email: "invited@example.com", status: "pending" },
];
/** `--user me`: the first user, archived under `me`. */
export const ME = { email: "ada@example.com", folder: "me" };
// The fake's clips are created from 2025-01-06 on: two listing windows (December, January).
export const RANGE = ["--from", "2024-12-01", "--to", "2025-01-31"];

/**
 * The Clips fake and an empty archive folder; `args(command)(...more)` is `clipkit zoom clips
 * <command>` over `RANGE` into that folder, against the fake.
 */
export async function setupClips(
  cleanups: Cleanups,
  options: { clipsPerUser?: number; clipSize?: number; grantedScopes?: string[] } = {},
) {
  const fake = await startZoomClipsFake({
    users: USERS,
    clipsPerUser: options.clipsPerUser ?? 4,
    clipSize: options.clipSize ?? { min: 8 * KiB, max: 32 * KiB },
    ...(options.grantedScopes ? { grantedScopes: options.grantedScopes } : {}),
  });
  const out = mkdtempSync(join(tmpdir(), "clipkit-clips-archive-"));
  cleanups.push(
    // Removed first: a close that throws must not keep the folder.
    () => rmSync(out, { recursive: true, force: true }),
    () => fake.close(),
  );
  const command =
    (name: "archive" | "verify", target = out) =>
    (...more: string[]) => [
      ...["zoom", "clips", name, ...RANGE, "--out", target],
      ...["--base-url", fake.baseUrl, "--token-url", fake.tokenUrl, ...more],
    ];
  return { fake, out, command, args: command("archive"), env: credentialsEnv(fake) };
}

export const clipsOf = (fake: ZoomClipsFake, email: string) => {
  const owner = fake.state.users.find((u) => u.email === email)?.id;
  return fake.state.clips.filter((c) => c.ownerId === owner);
};

/** Where the archive puts a clip of the fake under the user's `folder`. */
export const pathOf = (folder: string, clip: FakeClip) =>
  clipPath(folder, { clip_id: clip.id, title: clip.title, created_date: clip.created });

export function manifest(out: string): ManifestEntry[] {
  return readFileSync(join(out, "manifest.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ManifestEntry);
}

/** Arguments every `clipkit zoom clips` command refuses before credentials are looked up. */
export const BAD_INPUT = [
  { given: "an empty --user", more: ["--user", ""], want: /expected a user ID/ },
  { given: "no user", more: [], want: /give --user <id> \(repeatable\) or --all-users/ },
  {
    given: "an unknown --user-status",
    more: ["--all-users", "--user-status", "active,deleted"],
    want: /--user-status.*expected a comma-separated list/,
  },
  {
    given: "an unknown --rate-plan",
    more: ["--user", "me", "--rate-plan", "gold"],
    want: /pro or business/,
  },
  {
    given: "--from 2024-02-30",
    more: ["--user", "me", "--from", "2024-02-30"],
    want: /YYYY-MM-DD/,
  },
  {
    given: "--to before --from",
    more: ["--user", "me", "--from", "2025-02-01", "--to", "2025-01-01"],
    want: /--to 2025-01-01 is before --from 2025-02-01/,
  },
  {
    given: "an s3:// URL without a bucket",
    more: ["--user", "me", "--out", "s3://"],
    want: /bucket/,
  },
];

/**
 * `clipkit zoom clips <command> …more` with no credentials in the environment, from 2025-01-01 into a
 * bucket: a usage error (exit 2) saying `want`, and no word of credentials.
 */
export async function expectUsageError(
  command: "archive" | "verify",
  more: string[],
  want: RegExp,
): Promise<void> {
  const run = await runInProcess(
    ["zoom", "clips", command, "--from", "2025-01-01", "--out", "s3://archive/x", ...more],
    { env: {} },
  );
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(want);
  expect(run.stderr).not.toMatch(/credential/i);
}
