// `@clipkit/testing/s3` as a user's archive test meets it: buckets ready to take objects, the
// credentials the AWS SDK's default chain reads, and nothing left behind once closed.
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { type LocalS3, startLocalS3 } from "../../src/s3/index.js";

const started: LocalS3[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s3) => s3.close()));
});
const dataFolders = () =>
  readdirSync(tmpdir()).filter((name) => name.startsWith("clipkit-s3rver-"));

describe("startLocalS3", { timeout: 30_000 }, () => {
  it("serves the named buckets on a loopback endpoint, path-style, and stores objects", async () => {
    const s3 = await startLocalS3(["archive", "other"]);
    started.push(s3);
    expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s3.env).toEqual({
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REGION: "us-east-1",
    });
    const put = await fetch(`${s3.endpoint}/archive/clips/a.mp4`, { method: "PUT", body: "bytes" });
    expect(put.status).toBe(200);
    const got = await fetch(`${s3.endpoint}/archive/clips/a.mp4`);
    expect(await got.text()).toBe("bytes");
    const other = await fetch(`${s3.endpoint}/other?list-type=2`);
    expect(other.status).toBe(200);
    expect(await other.text()).toContain("<Name>other</Name>");
    const missing = await fetch(`${s3.endpoint}/nope?list-type=2`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("NoSuchBucket");
  });

  it("close stops the server and removes its data folder", async () => {
    const before = dataFolders();
    const s3 = await startLocalS3(["archive"]);
    expect(dataFolders()).toHaveLength(before.length + 1);
    await fetch(`${s3.endpoint}/archive/kept`, { method: "PUT", body: "x" });
    await s3.close();
    expect(dataFolders()).toEqual(before);
    await expect(fetch(`${s3.endpoint}/archive/kept`)).rejects.toThrow();
  });
});
