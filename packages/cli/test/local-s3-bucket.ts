// A real S3-compatible server (s3rver, `@clipkit/testing/s3`) for the suites that archive to,
// or verify, an `s3://archive/…` target, with a client to look at and damage its objects.
import { S3Client } from "@aws-sdk/client-s3";
import { startLocalS3 } from "@clipkit/testing/s3";

/** What a suite's afterEach runs, in order. */
export type Cleanups = Array<() => Promise<void> | void>;

/** A local S3-compatible server with the bucket `archive`, and a client of it. */
export async function startArchiveBucket(cleanups: Cleanups) {
  const s3 = await startLocalS3(["archive"]);
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  cleanups.push(
    () => client.destroy(),
    () => s3.close(),
  );
  /** The flags that point a command at this server. */
  const flags = ["--s3-endpoint", s3.endpoint, "--s3-path-style"];
  return { s3, client, flags };
}
