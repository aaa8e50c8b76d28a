import { requestSchemas } from "../generated/limits.js";

const MiB = 1024 * 1024;

/** The documented upload limits (specs/zoom-clips.yaml, seed 000). */
export interface UploadLimits {
  /** Largest single-request upload (`POST /clips/files`): 2 GB. */
  maxSingleSize: number;
  /** Smallest part of a multipart upload, except the last one: 5 MB. */
  minPartSize: number;
  /** Largest part: 100 MB (the spec's `maxLength`, 104 857 600). */
  maxPartSize: number;
  /** Part numbers run from 1 to 100. */
  maxParts: number;
  /** A multipart upload must be completed within 7 days of its creation. */
  completeWithinMs: number;
}

const single = requestSchemas["POST /clips/files"].body.schema.properties;
const part = requestSchemas["POST /clips/files/multipart"].body.schema.properties;

/** From the spec (src/generated/limits.ts), except what its schemas cannot say (noted). */
export const UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxSingleSize: single.file.maxLength,
  // Not a schema constraint: the last part may be smaller (seed 000 says 5 MB).
  minPartSize: 5 * MiB,
  maxPartSize: part.file.maxLength,
  maxParts: part.part_number.maximum,
  completeWithinMs: 7 * 24 * 60 * 60 * 1000,
});

export const UPLOAD_DEFAULTS = Object.freeze({
  /** Sources larger than this go multipart. */
  multipartThreshold: 100 * MiB,
  /** Part size when none is given (grown so the file fits in 100 parts). */
  partSize: 16 * MiB,
  /** Parts in flight at once. */
  concurrency: 4,
});
