import { ClipKitValidationError } from "@clipkit/core";
import type { UploadLimits } from "./limits.js";

/** One finished part, as the complete event wants it. */
export interface UploadedPartState {
  part_number: number;
  etag: string;
}

/**
 * Everything needed to resume a multipart upload later, in another process if need be: a
 * small JSON-serialisable object (`JSON.stringify` it from `onStateChange`, give it back as
 * `resume`). Zoom drops an upload that is not completed within 7 days of `createdAt`.
 */
export interface MultipartUploadState {
  version: 1;
  uploadContext: string;
  fileName: string;
  partSize: number;
  /** `null` for a stream of unknown size. */
  totalSize: number | null;
  /** ISO time of the CreateMultipartUpload event. */
  createdAt: string;
  /** Finished parts, by part number. */
  parts: UploadedPartState[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

const isWhole = (value: unknown): value is number => Number.isInteger(value);

/**
 * Refuses a resume state that does not fit this upload, before any request: not one of
 * ours, another part size or source size, past Zoom's 7-day limit, or a parts list that
 * cannot be right (part numbers out of range or repeated, empty etags).
 */
export function checkResume(
  state: MultipartUploadState,
  upload: { size: number | undefined; partSize: number | undefined; limits: UploadLimits },
): void {
  const fail = (message: string): never => {
    throw new ClipKitValidationError("resume", message);
  };
  if (!isObject(state) || state.version !== 1) fail("not a multipart upload state from uploadClip");
  if (typeof state.uploadContext !== "string" || state.uploadContext === "") {
    fail("the state has no uploadContext");
  }
  if (!Array.isArray(state.parts)) fail("the state has no parts list");
  if (upload.partSize !== undefined && upload.partSize !== state.partSize) {
    fail(`the upload was started with parts of ${state.partSize} bytes, not ${upload.partSize}`);
  }
  if (upload.size !== undefined && upload.size !== state.totalSize) {
    fail(`the upload was started for ${state.totalSize} bytes; this source has ${upload.size}`);
  }
  const created = Date.parse(state.createdAt);
  if (Number.isNaN(created)) fail("createdAt is not a date");
  if (Date.now() - created > upload.limits.completeWithinMs) {
    fail(
      `the upload was created at ${state.createdAt}; Zoom drops multipart uploads not completed within 7 days — start a new one`,
    );
  }
  const lastPart =
    typeof state.totalSize === "number" && state.partSize > 0
      ? Math.ceil(state.totalSize / state.partSize)
      : upload.limits.maxParts;
  const seen = new Set<number>();
  for (const part of state.parts) {
    const number = isObject(part) ? part.part_number : undefined;
    if (!isWhole(number) || number < 1 || number > lastPart) {
      fail(`part number ${JSON.stringify(number)} is not one of this upload's (1 to ${lastPart})`);
    }
    if (seen.has(number as number)) fail(`part ${number} is listed twice`);
    seen.add(number as number);
    if (typeof part.etag !== "string" || part.etag === "") fail(`part ${number} has no etag`);
  }
}

/**
 * The `part_number_etags` of the complete event: parts 1 to `total`, each with its etag.
 * Refuses (before the event is sent) an upload with a part missing, or with parts past the
 * end of the source — a resume state of a longer source.
 */
export function partsToComplete(
  done: ReadonlyMap<number, string>,
  total: number,
): UploadedPartState[] {
  const missing: number[] = [];
  for (let n = 1; n <= total; n++) if (!done.has(n)) missing.push(n);
  if (total === 0 || missing.length > 0) {
    throw new ClipKitValidationError(
      "parts",
      total === 0
        ? "no part was uploaded"
        : `part ${missing.join(", ")} of ${total} has no etag: the upload cannot be completed (resume it)`,
    );
  }
  const extra = [...done.keys()].filter((n) => n > total);
  if (extra.length > 0) {
    throw new ClipKitValidationError(
      "resume",
      `the source ends at part ${total}, but the state lists part ${extra.join(", ")}: it belongs to another source`,
    );
  }
  return Array.from({ length: total }, (_, i) => ({
    part_number: i + 1,
    etag: done.get(i + 1) as string,
  }));
}
