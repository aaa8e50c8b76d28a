// What an `s3://` --out names, without loading the AWS SDK: a local archive never pays for it.
import { UsageError } from "../errors.js";

/** `s3://bucket/prefix`: where objects go; the prefix ends with `/` (or is empty). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** Uploads go here first; an object reaches its final key only whole and hashed. */
export const STAGING_PREFIX = ".clipkit-uploads/";

/** `--out s3://bucket/prefix`, or undefined for a local folder. */
export function parseS3Url(out: string): S3Location | undefined {
  if (!/^s3:\/\//i.test(out)) return undefined;
  const match = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(out);
  const bucket = match?.[1] ?? "";
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UsageError(`--out ${out}: expected s3://<bucket>/<prefix> with a valid bucket name`);
  }
  const rest = (match?.[2] ?? "").replace(/^\/+|\/+$/g, "");
  return { bucket, prefix: rest === "" ? "" : `${rest}/` };
}
