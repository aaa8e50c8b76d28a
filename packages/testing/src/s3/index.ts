// `@clipkit/testing/s3`: a real S3-compatible server for tests and benchmarks of code that
// archives to S3 (s3rver 4, an optional peer dependency: only this entry loads it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";

export interface LocalS3 {
  /** `http://127.0.0.1:<port>`: give it to the S3 client as its endpoint, path-style. */
  endpoint: string;
  /** The server's fixed credentials and a region, as the AWS SDK's default chain reads them. */
  env: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string; AWS_REGION: string };
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

/**
 * s3rver 4 on a free loopback port with `buckets` created, its data in a temp folder that
 * `close` removes. It accepts any signature (its credentials are S3RVER/S3RVER), does not check
 * checksums and answers AbortMultipartUpload with 405; a streamed `PutObject` needs the
 * client's `requestChecksumCalculation: "WHEN_REQUIRED"`. (s3rver 3.7 corrupts aws-chunked
 * uploads, and 5.x needs Node 24.)
 */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), "clipkit-s3rver-"));
  try {
    const server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory,
      allowMismatchedSignatures: true,
      configureBuckets: buckets.map((name) => ({ name, configs: [] })),
    });
    const { port } = await server.run();
    return {
      endpoint: `http://127.0.0.1:${port}`,
      env: {
        AWS_ACCESS_KEY_ID: "S3RVER",
        AWS_SECRET_ACCESS_KEY: "S3RVER",
        AWS_REGION: "us-east-1",
      },
      async close() {
        try {
          await server.close();
        } finally {
          rmSync(directory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
