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

export const UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxSingleSize: 2 * 1024 * MiB,
  minPartSize: 5 * MiB,
  maxPartSize: 100 * MiB,
  maxParts: 100,
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
