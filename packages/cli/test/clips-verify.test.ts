// `clipkit zoom clips verify`: `recordings verify`'s check on the clips engine, against
// @clipkit/testing's Clips fake. After an archive, a clean check; then each kind of damage (a
// clip deleted, its bytes altered, its size changed, a stranger added, a clip Zoom lists that
// the archive never got) is reported by path and the exit code is 1 — in a folder and in a
// bucket. Recordings beside the clips are not its business; bad input is refused before
// credentials.
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { operationInfo as clipOperations } from "@clipkit/zoom-clips";
import { afterEach, describe, expect, it } from "vitest";
import type { ManifestEntry } from "../src/archive/manifest.js";
import {
  BAD_INPUT,
  clipsOf,
  expectUsageError,
  ME,
  manifest,
  pathOf,
  setupClips,
} from "./clips-fixture.js";
import { type Cleanups, startArchiveBucket } from "./local-s3-bucket.js";
import { eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const sorted = (values: Array<string | undefined>) => [...values].sort();

describe("clips verify", () => {
  it("passes on a fresh archive and names every missing, changed and unexpected clip", async () => {
    const { fake, out, command, env } = await setupClips(cleanups, { clipsPerUser: 4 });
    const archived = await runInProcess(command("archive")("--all-users", "--json"), { env });
    expect(archived.code).toBe(0);
    const verify = () => runInProcess(command("verify")("--all-users", "--json"), { env });
    const cdnAfterArchive = fake.state.cdnRequests.length;

    const clean = await verify();
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);
    expect(eventsOf(clean, "verify-summary")).toEqual([
      { type: "verify-summary", checked: 8, missing: 0, changed: 0, unexpected: 0, ok: true },
    ]);
    // It reads what is stored; it downloads nothing.
    expect(fake.state.cdnRequests.length).toBe(cdnAfterArchive);

    const entries = manifest(out);
    const [deleted, flipped, grown, lost] = entries;
    const at = (entry: ManifestEntry | undefined) => join(out, entry?.path ?? "");
    rmSync(at(deleted));
    // Same size, other bytes: only a re-hash can tell.
    const bytes = readFileSync(at(flipped));
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    writeFileSync(at(flipped), bytes);
    appendFileSync(at(grown), "x");
    // A clip Zoom lists that the archive never got: its manifest line is lost too.
    rmSync(at(lost));
    writeFileSync(
      join(out, "manifest.jsonl"),
      entries
        .filter((e) => e !== lost)
        .map((e) => `${JSON.stringify(e)}\n`)
        .join(""),
    );
    writeFileSync(join(out, "ada@example.com", "clips", "stray.mp4"), "not a clip");
    // Recordings beside the clips (a meeting's folder, a manifest line of a recording that is
    // gone) are `recordings verify`'s to report, not this command's.
    const meeting = join(out, "ada@example.com", "2025-01-06 0900 Standup (123)");
    mkdirSync(meeting);
    writeFileSync(join(meeting, "shared_screen.mp4"), "a recording");
    appendFileSync(
      join(out, "manifest.jsonl"),
      `${JSON.stringify({ ...entries[4], fileId: "rec-1", recordingType: "shared_screen", path: "ada@example.com/2025-01-06 0900 Standup (123)/gone.mp4" })}\n`,
    );

    const damaged = await verify();
    expect(damaged.code).toBe(1);
    expect(sorted(eventsOf(damaged, "verify-missing").map((e) => e.path))).toEqual(
      sorted([deleted?.path, lost?.path]),
    );
    expect(eventsOf(damaged, "verify-missing").find((e) => e.path === lost?.path)?.reason).toBe(
      "listed by Zoom, not in the archive",
    );
    // One finding a file: the listing's size, before the manifest's hash.
    expect(eventsOf(damaged, "verify-changed")).toEqual([
      {
        type: "verify-changed",
        fileId: grown?.fileId,
        path: grown?.path,
        reason: `${(grown?.size ?? 0) + 1} bytes; Zoom lists ${grown?.size}`,
      },
      {
        type: "verify-changed",
        fileId: flipped?.fileId,
        path: flipped?.path,
        reason: "sha256 differs from the manifest's",
      },
    ]);
    expect(eventsOf(damaged, "verify-unexpected").map((e) => e.path)).toEqual([
      "ada@example.com/clips/stray.mp4",
    ]);
    expect(eventsOf(damaged, "verify-summary")).toEqual([
      { type: "verify-summary", checked: 8, missing: 2, changed: 2, unexpected: 1, ok: false },
    ]);
  });

  it("the plain lines name clips and each finding; exit 1", async () => {
    const { out, command, env } = await setupClips(cleanups, { clipsPerUser: 2 });
    expect((await runInProcess(command("archive")("--user", "me"), { env })).code).toBe(0);
    const [gone] = manifest(out);
    rmSync(join(out, gone?.path ?? ""));
    const run = await runInProcess(command("verify")("--user", "me"), { env });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")).toEqual([
      "listing clips of me from 2024-12-01 to 2025-01-31",
      `MISSING ${gone?.path}: listed by Zoom, not in the archive`,
      "archive does NOT match: 2 file(s) checked, 1 missing, 0 changed, 0 unexpected",
      `To repair, run \`clipkit ${command("archive")("--user", "me").join(" ")}\`: it downloads again each missing or changed file that Zoom still lists.`,
      "",
    ]);
  });

  it("clips trashed after archiving (no longer listed) are checked against the manifest", async () => {
    const { fake, out, command, env } = await setupClips(cleanups, { clipsPerUser: 3 });
    const archived = await runInProcess(command("archive")("--user", "me", "--trash-after"), {
      env,
    });
    expect(archived.code).toBe(0);
    expect(clipsOf(fake, ME.email).every((c) => c.status === "RECORD_DELETE")).toBe(true);
    const clean = await runInProcess(command("verify")("--user", "me", "--json"), { env });
    expect(clean.code).toBe(0);
    expect(eventsOf(clean, "verify-summary")[0]).toMatchObject({ checked: 3, ok: true });

    const [flipped, gone] = manifest(out);
    writeFileSync(join(out, flipped?.path ?? ""), Buffer.alloc(flipped?.size ?? 0));
    rmSync(join(out, gone?.path ?? ""));
    const damaged = await runInProcess(command("verify")("--user", "me", "--json"), { env });
    expect(damaged.code).toBe(1);
    expect(eventsOf(damaged, "verify-changed").map((e) => e.path)).toEqual([flipped?.path]);
    expect(eventsOf(damaged, "verify-missing")).toEqual([
      {
        type: "verify-missing",
        fileId: gone?.fileId,
        path: gone?.path,
        reason: "in the manifest, gone from the archive",
      },
    ]);
    // Zoom no longer has it: nothing a re-run of archive could fetch, so no hint.
    expect(damaged.stderr).toBe("");
  });
});

describe("clips verify of S3-compatible storage", () => {
  it("re-lists and re-hashes the objects: a missing, a changed and an unexpected object, exit 1", async () => {
    const { fake, command, env } = await setupClips(cleanups, { clipsPerUser: 4 });
    const { s3, client, flags } = await startArchiveBucket(cleanups);
    const withS3 = { env: { ...env, ...s3.env } };
    const archived = await runInProcess(
      command("archive", "s3://archive/zoom")("--user", "me", ...flags),
      withS3,
    );
    expect(archived.stderr).toBe("");
    expect(archived.code).toBe(0);
    const verifyArgs = command("verify", "s3://archive/zoom")("--user", "me", ...flags, "--json");
    const clean = await runInProcess(verifyArgs, withS3);
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);
    expect(eventsOf(clean, "verify-summary")[0]).toMatchObject({ checked: 4, ok: true });

    const [gone, changed] = clipsOf(fake, ME.email).map((clip) => ({
      id: clip.id,
      path: pathOf(ME.folder, clip),
      size: clip.size,
    }));
    await client.send(new DeleteObjectCommand({ Bucket: "archive", Key: `zoom/${gone?.path}` }));
    // Same key and size, other bytes.
    await client.send(
      new PutObjectCommand({
        Bucket: "archive",
        Key: `zoom/${changed?.path}`,
        Body: Buffer.alloc(changed?.size ?? 0, 7),
      }),
    );
    for (const key of ["zoom/me/clips/stray.mp4", "zoom/me/2025-01-06 0900 Standup (1)/a.mp4"]) {
      await client.send(new PutObjectCommand({ Bucket: "archive", Key: key, Body: "x" }));
    }
    const damaged = await runInProcess(verifyArgs, withS3);
    expect(damaged.code).toBe(1);
    expect(eventsOf(damaged, "verify-missing").map((e) => e.path)).toEqual([gone?.path]);
    expect(eventsOf(damaged, "verify-changed")).toEqual([
      {
        type: "verify-changed",
        fileId: changed?.id,
        path: changed?.path,
        reason: "sha256 differs from the manifest's",
      },
    ]);
    expect(eventsOf(damaged, "verify-unexpected").map((e) => e.path)).toEqual([
      "me/clips/stray.mp4",
    ]);
  });
});

describe("clips verify of a bucket that does not exist", () => {
  it("one line, exit 1, before anything is listed", async () => {
    const { fake, command, env } = await setupClips(cleanups);
    const { s3, flags } = await startArchiveBucket(cleanups);
    const run = await runInProcess(
      command("verify", "s3://no-such-bucket/x")("--user", "me", ...flags),
      {
        env: { ...env, ...s3.env },
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/s3:\/\/no-such-bucket: the bucket does not exist/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(fake.state.requests.filter((r) => r.url.includes("/clips"))).toEqual([]);
  });
});

describe("clips verify: bad input is a usage error before credentials", () => {
  it.each([
    ...BAD_INPUT,
    {
      given: "an --out folder that is not there",
      more: ["--user", "me", "--out", join("no-such-clipkit-folder", "x")],
      want: /^error: --out no-such-clipkit-folder.x: no archive folder there\n$/,
    },
    {
      given: "--trash-after (verify changes nothing)",
      more: ["--user", "me", "--trash-after"],
      want: /unknown option '--trash-after'/,
    },
  ])("$given: exit 2, and no word of credentials", ({ more, want }) =>
    expectUsageError("verify", more, want),
  );
});

describe("clips verify and the token's scopes", () => {
  it("a listing the scopes do not allow ends it with one line, exit 1, nothing listed", async () => {
    const DELETE = clipOperations["DELETE /clips/{clipId}"].scopes;
    const granted = DELETE.granular.filter((s) => s.endsWith(":admin"));
    const { fake, command, env } = await setupClips(cleanups, { grantedScopes: granted });
    const run = await runInProcess(command("verify")("--user", "me"), { env });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("do not allow GET /clips");
    expect(fake.state.requests.filter((r) => r.url.includes("/clips"))).toEqual([]);
  });
});
