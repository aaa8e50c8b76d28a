// `archive --out s3://bucket/prefix` against a real S3-compatible server (s3rver, started
// here): objects with their size and sha256 as metadata, a manifest beside them, nothing left
// under a staging key, a re-run that uploads nothing again, and bad targets refused up front.
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { startZoomFake } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type Cleanups, startArchiveBucket } from "./local-s3-bucket.js";
import { credentialsEnv, eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: { topics?: string[] } = {}) {
  const fake = await startZoomFake({
    from: "2024-05-01",
    to: "2024-05-31",
    meetingsPerUser: 3,
    filesPerMeeting: 2,
    fileSize: { min: 16 * 1024, max: 64 * 1024 },
    ...options,
  });
  cleanups.push(() => fake.close());
  const { s3, client } = await startArchiveBucket(cleanups);
  const args = (out: string, ...more: string[]) => [
    ...["zoom", "recordings", "archive", "--user", "me", "--from", "2024-05-01"],
    ...["--to", "2024-05-31", "--out", out, "--base-url", fake.baseUrl],
    ...["--token-url", fake.tokenUrl, "--s3-endpoint", s3.endpoint, "--s3-path-style", "--json"],
    ...more,
  ];
  const env = { ...credentialsEnv(fake), ...s3.env };
  const keys = async (prefix: string) =>
    (
      (await client.send(new ListObjectsV2Command({ Bucket: "archive", Prefix: prefix })))
        .Contents ?? []
    ).map((o) => o.Key as string);
  const exists = (key: string) =>
    client.send(new HeadObjectCommand({ Bucket: "archive", Key: key })).then(
      () => true,
      (error: Error) => {
        if (error.name === "NotFound") return false;
        throw error;
      },
    );
  return { fake, s3, client, args, env, keys, exists };
}

describe("archive to S3-compatible storage", () => {
  it("streams each file into an object with its size and sha256 as metadata; a re-run uploads nothing", async () => {
    const { fake, client, args, env, keys } = await setup();
    const run = await runInProcess(args("s3://archive/zoom/2024"), { env });
    expect(eventsOf(run, "failed")).toEqual([]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const done = eventsOf(run, "done");
    expect(done).toHaveLength(fake.state.files().length);
    for (const file of done) {
      const head = await client.send(
        new HeadObjectCommand({ Bucket: "archive", Key: `zoom/2024/${file.path}` }),
      );
      expect(head.ContentLength).toBe(fake.state.file(file.fileId)?.size);
      expect(head.Metadata).toEqual({
        sha256: fake.state.sha256(file.fileId),
        size: String(fake.state.file(file.fileId)?.size),
      });
    }
    const all = await keys("zoom/2024/");
    expect(all).toContain("zoom/2024/manifest.jsonl");
    // Nothing staged is left behind; nothing went outside the prefix.
    expect(all.filter((k) => k.includes(".clipkit-uploads"))).toEqual([]);
    expect(await keys("")).toHaveLength(all.length);
    expect(fake.state.credentialLeaks()).toEqual([]);

    const again = await runInProcess(args("s3://archive/zoom/2024"), { env });
    expect(again.code).toBe(0);
    expect(eventsOf(again, "start")).toEqual([]);
    expect(eventsOf(again, "plan")[0]).toMatchObject({ downloadFiles: 0 });
  });

  it("an interrupted upload leaves nothing under the final key; the re-run completes it", async () => {
    const { fake, args, env, keys, exists } = await setup();
    fake.faults.slowBody({ bytesPerSecond: 16 * 1024 });
    let interrupted = false;
    const run = await runInProcess(args("s3://archive/cut", "--concurrency", "1"), {
      env,
      onEvent(event, control) {
        if (event.type === "progress" && !interrupted) {
          interrupted = true;
          control.interrupt();
        }
      },
    });
    expect(run.code).toBe(130);
    const cut = eventsOf(run, "start")[0];
    expect(cut).toBeDefined();
    // HEAD, not the listing: s3rver's listing escapes "&" in keys twice.
    expect(await exists(`cut/${cut?.path}`)).toBe(false);
    expect((await keys("cut/")).filter((k) => k.includes(".clipkit-uploads"))).toEqual([]);
    fake.faults.clear();
    const again = await runInProcess(args("s3://archive/cut"), { env });
    expect(eventsOf(again, "failed")).toEqual([]);
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(await exists(`cut/${cut?.path}`)).toBe(true);
  });

  it("verify re-lists and re-hashes the objects: a missing and a changed object are named, exit 1", async () => {
    // Topics without "&": s3rver's listing escapes it twice in keys, which verify would see as
    // an unexpected object (the archive itself is right: HEAD finds the real key).
    const { fake, s3, client, args, env } = await setup({ topics: ["Weekly sync", "Q3 review"] });
    const archived = await runInProcess(args("s3://archive/v"), { env });
    expect(archived.code).toBe(0);
    const verifyArgs = [
      ...["zoom", "recordings", "verify", "--user", "me", "--from", "2024-05-01", "--to"],
      ...["2024-05-31", "--out", "s3://archive/v", "--base-url", fake.baseUrl, "--token-url"],
      ...[fake.tokenUrl, "--s3-endpoint", s3.endpoint, "--s3-path-style", "--json"],
    ];
    const clean = await runInProcess(verifyArgs, { env });
    expect(clean.code).toBe(0);
    expect(eventsOf(clean, "verify-summary")[0]).toMatchObject({ ok: true, checked: 6 });

    const [gone, changed] = eventsOf(archived, "done");
    await client.send(new DeleteObjectCommand({ Bucket: "archive", Key: `v/${gone?.path}` }));
    // Same key, same size and metadata, other bytes: only a re-hash can tell.
    const head = await client.send(
      new HeadObjectCommand({ Bucket: "archive", Key: `v/${changed?.path}` }),
    );
    await client.send(
      new PutObjectCommand({
        Bucket: "archive",
        Key: `v/${changed?.path}`,
        Body: Buffer.alloc(changed?.size ?? 0, 7),
        Metadata: head.Metadata,
      }),
    );
    const damaged = await runInProcess(verifyArgs, { env });
    expect(damaged.code).toBe(1);
    expect(eventsOf(damaged, "verify-missing").map((e) => e.path)).toEqual([gone?.path]);
    expect(eventsOf(damaged, "verify-changed")).toEqual([
      {
        type: "verify-changed",
        fileId: changed?.fileId,
        path: changed?.path,
        reason: "sha256 differs from the manifest's",
      },
    ]);
  });

  it.each([
    [
      "an s3:// URL without a bucket",
      "s3://",
      2,
      /--out s3:\/\/: expected s3:\/\/<bucket>\/<prefix>/,
    ],
    [
      "a bucket that does not exist",
      "s3://no-such-bucket/x",
      1,
      /s3:\/\/no-such-bucket: the bucket does not exist/,
    ],
  ])("%s: one line, exit %d, nothing downloaded", async (_, out, code, want) => {
    const { fake, args, env } = await setup();
    const run = await runInProcess(args(out), { env });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(want);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(fake.state.cdnRequests).toEqual([]);
    expect(run.stderr).not.toContain("S3RVER");
  });

  it("an endpoint that cannot be reached: exit 1 before any listing", async () => {
    const { fake, args, env } = await setup();
    const run = await runInProcess(
      [
        ...args("s3://archive/x").slice(0, -4),
        "--s3-endpoint",
        "http://127.0.0.1:9",
        "--s3-path-style",
      ],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/s3:\/\/archive: the endpoint cannot be reached/);
    expect(fake.state.requests.filter((r) => r.target === "api")).toEqual([]);
  });
});
