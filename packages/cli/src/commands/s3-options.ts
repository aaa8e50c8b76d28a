import type { Command } from "commander";
import type { S3Destination } from "../archive/archive-target.js";
import { parseS3Url, type S3Location } from "../archive/s3-location.js";
import { rememberSecret } from "../errors.js";
import type { RunContext } from "../io.js";

export interface S3Flags {
  out: string;
  s3Endpoint?: string;
  s3PathStyle?: boolean;
}

/** `--s3-endpoint` and `--s3-path-style`, for the commands whose `--out` may be `s3://…`. */
export function withS3Options<C extends Command>(command: C): C {
  return command
    .option(
      "--s3-endpoint <url>",
      "with --out s3://…: an S3-compatible service's endpoint (R2, Spaces, MinIO, Ceph)",
    )
    .option(
      "--s3-path-style",
      "with --out s3://…: path-style bucket URLs (most S3-compatible services)",
    ) as C;
}

/** The bucket `--out` names, or undefined for a folder; the usage errors, before credentials. */
export function s3Location(
  flags: S3Flags,
  usage: (message: string) => never,
): S3Location | undefined {
  const location = parseS3Url(flags.out);
  if (!location && (flags.s3Endpoint || flags.s3PathStyle)) {
    usage("--s3-endpoint and --s3-path-style go with --out s3://bucket/prefix");
  }
  if (flags.s3Endpoint && !/^https?:\/\/[^/]/.test(flags.s3Endpoint)) {
    usage(`--s3-endpoint: expected an http(s) URL, got ${JSON.stringify(flags.s3Endpoint)}`);
  }
  return location;
}

/** The client for the bucket, checked: a missing or refusing bucket is said before any work. */
export async function s3Destination(
  flags: S3Flags,
  location: S3Location,
  run: RunContext,
): Promise<S3Destination> {
  rememberSecret(run.secrets, run.io.env.AWS_SECRET_ACCESS_KEY);
  rememberSecret(run.secrets, run.io.env.AWS_SESSION_TOKEN);
  const { checkBucket, s3Client } = await import("../archive/s3-target.js");
  const settings = { endpoint: flags.s3Endpoint, pathStyle: flags.s3PathStyle === true };
  const destination = { client: s3Client(settings, run.io.env), location };
  await checkBucket(destination.client, location);
  return destination;
}
