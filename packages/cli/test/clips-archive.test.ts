// `clipkit zoom clips archive`: the recordings' archive engine for Zoom Clips, against
// @clipkit/testing's Clips fake on a loopback port — one user and every user, a month-at-a-time
// listing, resume from a `.part`, a re-run that downloads nothing, --dry-run, --trash-after
// (only verified clips are deleted) and bad input refused before credentials.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { ZoomClipsFake } from "@clipkit/testing";
import { operationInfo as clipOperations } from "@clipkit/zoom-clips";
import { afterEach, describe, expect, it } from "vitest";
import {
  BAD_INPUT,
  clipsOf,
  expectUsageError,
  KiB,
  ME,
  manifest,
  pathOf,
  RANGE,
  setupClips,
} from "./clips-fixture.js";
import { type Cleanups, startArchiveBucket } from "./local-s3-bucket.js";
import { eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const setup = (options?: Parameters<typeof setupClips>[1]) => setupClips(cleanups, options);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const sha256Of = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/**
 * Every clip of each user (`folder`: the name given, `me` or the email) is under its place,
 * whole, and in the manifest with the fake's hash; nothing else is in the manifest.
 */
function expectArchived(
  fake: ZoomClipsFake,
  out: string,
  users: Array<{ email: string; folder: string }>,
) {
  const entries = new Map(manifest(out).map((e) => [e.fileId, e]));
  const wanted = users.flatMap(({ email, folder }) =>
    clipsOf(fake, email).map((clip) => ({ folder, clip })),
  );
  expect(wanted.length).toBeGreaterThan(0);
  expect([...entries.keys()].sort()).toEqual(wanted.map((w) => w.clip.id).sort());
  for (const { folder, clip } of wanted) {
    const path = pathOf(folder, clip);
    expect(entries.get(clip.id)).toMatchObject({
      user: folder,
      path,
      size: clip.size,
      sha256: fake.state.sha256(clip.id),
      topic: clip.title,
      recordingType: "clip",
      status: "verified",
    });
    expect(sha256Of(join(out, path))).toBe(fake.state.sha256(clip.id));
  }
}

describe("clips archive", () => {
  it("archives one user's clips a month at a time; a re-run downloads nothing", async () => {
    const { fake, out, args, env } = await setup();
    const run = await runInProcess(args("--user", "me", "--json"), { env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectArchived(fake, out, [ME]);
    expect(readdirSync(join(out, "me"))).toEqual(["clips"]);
    // Each listing names the user and a window of at most a month, on the created date.
    const listings = fake.state.requests
      .map((r) => new URL(r.url, "http://x"))
      .filter((url) => url.pathname === "/v2/clips")
      .map((url) => Object.fromEntries(url.searchParams));
    expect(listings).toEqual([
      {
        user_id: "me",
        date_filter_type: "CREATED_DATE",
        from: "2024-12-01T00:00:00Z",
        to: "2024-12-31T23:59:59Z",
        page_size: "300",
      },
      {
        user_id: "me",
        date_filter_type: "CREATED_DATE",
        from: "2025-01-01T00:00:00Z",
        to: "2025-01-31T23:59:59Z",
        page_size: "300",
      },
    ]);
    expect(fake.state.credentialLeaks()).toEqual([]);

    const cdnBefore = fake.state.cdnRequests.length;
    const again = await runInProcess(args("--user", "me", "--json"), { env });
    expect(again.code).toBe(0);
    expect(eventsOf(again, "plan")[0]).toMatchObject({
      files: clipsOf(fake, "ada@example.com").length,
      downloadFiles: 0,
      downloadBytes: 0,
    });
    expect(eventsOf(again, "start")).toEqual([]);
    expect(fake.state.cdnRequests.length).toBe(cdnBefore);
  });

  it("--all-users: every active and inactive user's clips, each under their email", async () => {
    const { fake, out, args, env } = await setup();
    const run = await runInProcess(args("--all-users", "--json"), { env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(eventsOf(run, "users")).toEqual([
      { type: "users", byStatus: { active: 1, inactive: 1 }, total: 2 },
    ]);
    expectArchived(fake, out, [
      { email: "ada@example.com", folder: "ada@example.com" },
      { email: "left@example.com", folder: "left@example.com" },
    ]);
    expect(existsSync(join(out, "invited@example.com"))).toBe(false);
    expect(eventsOf(run, "user-done").at(-1)).toMatchObject({ done: 2, total: 2 });
  });

  it("resumes a clip an interrupted run left as a .part", async () => {
    const { fake, out, args, env } = await setup({ clipsPerUser: 3, clipSize: 256 * KiB });
    fake.faults.slowBody({ bytesPerSecond: 128 * KiB });
    const first = await runInProcess(args("--user", "me", "--json", "--concurrency", "1"), {
      env,
      onEvent(event, control) {
        if (event.type === "progress" && event.bytes >= 64 * KiB) control.interrupt();
      },
    });
    fake.faults.clear();
    expect(first.code).toBe(130);
    expect(walk(out).filter((path) => path.endsWith(".part"))).toHaveLength(1);
    const run = await runInProcess(args("--user", "me", "--json"), { env });
    expect(run.code).toBe(0);
    const resumed = eventsOf(run, "done").filter((e) => e.resumedFrom > 0);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]?.resumedFrom).toBeGreaterThanOrEqual(64 * KiB);
    expect(walk(out).filter((path) => /\.part/.test(path))).toEqual([]);
    expectArchived(fake, out, [ME]);
  });

  it("--dry-run prints per-user and account totals in clips and downloads nothing", async () => {
    const { fake, out, args, env } = await setup();
    const run = await runInProcess(args("--all-users", "--dry-run"), { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    const total = { clips: 0, bytes: 0 };
    for (const [i, email] of ["ada@example.com", "left@example.com"].entries()) {
      const clips = clipsOf(fake, email);
      const bytes = clips.reduce((sum, c) => sum + c.size, 0);
      total.clips += clips.length;
      total.bytes += bytes;
      expect(lines).toContain(
        `listed ${i + 1}/2 ${email}: ${clips.length} clip(s), ${clips.length} file(s), ${(bytes / KiB).toFixed(1)} KiB`,
      );
    }
    expect(lines).toContain(
      `2 users, ${total.clips} clip(s), ${total.clips} file(s), ${(total.bytes / KiB).toFixed(1)} KiB: ${total.clips} to download (${(total.bytes / KiB).toFixed(1)} KiB), 0 already verified`,
    );
    expect(lines).toContain("dry run: nothing downloaded or trashed");
    expect(fake.state.cdnRequests).toEqual([]);
    expect(walk(out)).toEqual([]);
  });

  it("--trash-after deletes only verified clips: not a failed one, not one Zoom has not finished", async () => {
    const { fake, out, args, env } = await setup({ clipsPerUser: 4 });
    const [grown, unready, ...rest] = clipsOf(fake, "ada@example.com");
    if (!grown || !unready) throw new Error("the fake has four clips of ada");
    unready.status = "RECORD_END";
    const listed = grown.size;
    const run = await runInProcess(args("--user", "me", "--trash-after", "--json"), {
      env,
      onEvent(event) {
        // After the listing, the CDN serves one byte more than the listing said.
        if (event.type === "plan") grown.size = listed + 1;
      },
    });
    expect(run.code).toBe(1);
    expect(eventsOf(run, "failed").map((e) => e.fileId)).toEqual([grown.id]);
    expect(eventsOf(run, "kept")).toEqual([
      {
        type: "kept",
        meetingUuid: unready.id,
        topic: unready.title,
        reason: "no downloadable files",
      },
    ]);
    expect(
      eventsOf(run, "trashed")
        .map((e) => e.meetingUuid)
        .sort(),
    ).toEqual(rest.map((c) => c.id).sort());
    expect(grown.status).toBe("RECORD_SUCCESS");
    expect(unready.status).toBe("RECORD_END");
    for (const clip of rest) expect(clip.status).toBe("RECORD_DELETE");
    const deletes = fake.state.requests.filter((r) => r.method === "DELETE");
    expect(deletes).toHaveLength(rest.length);
    const entries = manifest(out);
    expect(entries.map((e) => e.fileId).sort()).toEqual(rest.map((c) => c.id).sort());
    expect(entries.every((e) => e.status === "trashed")).toBe(true);
    expect(eventsOf(run, "summary")[0]).toMatchObject({ trashed: rest.length, failed: 1 });
  });
});

describe("clips archive to S3-compatible storage", () => {
  it("streams each clip into an object with its size and sha256; a manifest beside them; a re-run uploads nothing", async () => {
    const { fake, env } = await setup();
    const { s3, client, flags } = await startArchiveBucket(cleanups);
    const args = [
      ...["zoom", "clips", "archive", "--user", "me", ...RANGE, "--out", "s3://archive/zoom"],
      ...["--base-url", fake.baseUrl, "--token-url", fake.tokenUrl, ...flags, "--json"],
    ];
    const run = await runInProcess(args, { env: { ...env, ...s3.env } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const clips = clipsOf(fake, ME.email);
    expect(eventsOf(run, "done")).toHaveLength(clips.length);
    for (const clip of clips) {
      const path = pathOf(ME.folder, clip);
      const head = await client.send(
        new HeadObjectCommand({ Bucket: "archive", Key: `zoom/${path}` }),
      );
      expect(head.ContentLength).toBe(clip.size);
      expect(head.Metadata).toEqual({
        sha256: fake.state.sha256(clip.id),
        size: String(clip.size),
      });
    }
    const listed = await client.send(new ListObjectsV2Command({ Bucket: "archive" }));
    const keys = (listed.Contents ?? []).map((o) => o.Key).sort();
    expect(keys).toEqual(
      ["zoom/manifest.jsonl", ...clips.map((clip) => `zoom/${pathOf(ME.folder, clip)}`)].sort(),
    );
    expect(fake.state.credentialLeaks()).toEqual([]);

    const cdnBefore = fake.state.cdnRequests.length;
    const again = await runInProcess(args, { env: { ...env, ...s3.env } });
    expect(again.code).toBe(0);
    expect(eventsOf(again, "plan")[0]).toMatchObject({ downloadFiles: 0, skipFiles: clips.length });
    expect(fake.state.cdnRequests.length).toBe(cdnBefore);
  });
});

describe("clips archive: bad input is a usage error before credentials", () => {
  it.each([
    ...BAD_INPUT,
    { given: "--concurrency 0", more: ["--user", "me", "--concurrency", "0"], want: /1 to 32/ },
  ])("$given: exit 2, and no word of credentials", ({ more, want }) =>
    expectUsageError("archive", more, want),
  );
});

describe("clips archive and the token's scopes", () => {
  const LIST = clipOperations["GET /clips"].scopes;
  const DELETE = clipOperations["DELETE /clips/{clipId}"].scopes;
  const admin = (scopes: { granular: readonly string[] }) =>
    scopes.granular.find((s) => s.endsWith(":admin")) as string;

  it("--dry-run --trash-after reports the clips' delete it may not call, naming its scopes", async () => {
    const { fake, args, env } = await setup({ grantedScopes: [admin(LIST)] });
    const run = await runInProcess(args("--user", "me", "--dry-run", "--trash-after", "--json"), {
      env,
    });
    expect(run.code).toBe(0);
    expect(eventsOf(run, "missing-scopes")).toEqual([
      {
        type: "missing-scopes",
        operation: "DELETE /clips/{clipId}",
        purpose: "delete clips",
        scopes: DELETE,
      },
    ]);
    expect(fake.state.cdnRequests).toHaveLength(0);
  });

  it("a run the scopes do not allow stops with one line, exit 1, nothing listed", async () => {
    const { out, args, env } = await setup({ grantedScopes: [admin(DELETE)] });
    const run = await runInProcess(args("--user", "me"), { env });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("do not allow GET /clips");
    expect(readdirSync(out)).toEqual([]);
  });
});
