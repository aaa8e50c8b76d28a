import { AbortError, ClipKitValidationError, type RequestOptions } from "@clipkit/core";
import { checkOptions, MAX_TIMER_MS, wholeNumber } from "@clipkit/core/internal";
import { requestSchemas } from "../generated/limits.js";
import { UPLOAD_DEFAULTS, UPLOAD_LIMITS, type UploadLimits } from "./limits.js";
import { mediaTypeFor, toUploadSource, type UploadInput, type UploadSource } from "./source.js";
import { checkResume } from "./state.js";
import type { UploadClipOptions } from "./upload-clip.js";

/** An upload checked whole before anything is sent: what to send, how, under which limits. */
export interface Plan {
  source: UploadSource;
  fileName: string;
  /** `video/mp4` or `video/webm`. */
  contentType: string;
  size: number | undefined;
  limits: UploadLimits;
  multipart: boolean;
  partSize: number;
  concurrency: number;
  /** The caller's overrides of the client's retries and time limits, checked. */
  requestOptions: RequestOptions;
}

// The spec's `encoding.file.contentType` of POST /clips/files, from the generated limits.
const VIDEO_TYPES = new Set(
  (requestSchemas["POST /clips/files"].body.encoding.file as readonly string[]).filter((type) =>
    type.startsWith("video/"),
  ),
);

/** The part size for a plan, checked against the limits; throws before anything is sent. */
export function choosePartSize(
  size: number | undefined,
  requested: number | undefined,
  limits: UploadLimits,
): number {
  const { minPartSize, maxPartSize, maxParts } = limits;
  if (size !== undefined && size > maxParts * maxPartSize) {
    throw new ClipKitValidationError(
      "size",
      `${size} bytes is more than a multipart upload takes (${maxParts} parts × ${maxPartSize} bytes)`,
    );
  }
  let partSize = requested;
  if (partSize === undefined) {
    const fit = size === undefined ? 0 : Math.ceil(size / maxParts);
    partSize = Math.min(maxPartSize, Math.max(minPartSize, UPLOAD_DEFAULTS.partSize, fit));
  }
  if (!Number.isSafeInteger(partSize) || partSize < minPartSize || partSize > maxPartSize) {
    throw new ClipKitValidationError(
      "partSize",
      `a part must be ${minPartSize} to ${maxPartSize} bytes (except the last), got ${partSize}`,
    );
  }
  if (size !== undefined && Math.ceil(size / partSize) > maxParts) {
    throw new ClipKitValidationError(
      "partSize",
      `${size} bytes in parts of ${partSize} makes ${Math.ceil(size / partSize)} parts; at most ${maxParts} are allowed — use parts of at least ${Math.ceil(size / maxParts)} bytes`,
    );
  }
  return partSize;
}

/**
 * The file name and media type to send: Zoom Clips takes MP4 and WebM only, so a name that
 * is not `.mp4`/`.webm`, or a type other than theirs (or `application/octet-stream`), is
 * refused. Without a name, `clip.mp4` (`clip.webm` for a WebM type).
 */
export function clipFileType(
  name: string | undefined,
  type: string | undefined,
): { fileName: string; contentType: string } {
  const declared = type?.split(";", 1)[0]?.trim().toLowerCase() || undefined;
  if (
    declared !== undefined &&
    declared !== "application/octet-stream" &&
    !VIDEO_TYPES.has(declared)
  ) {
    throw new ClipKitValidationError(
      "contentType",
      `Zoom Clips takes MP4 and WebM videos (video/mp4, video/webm), not ${declared}`,
    );
  }
  const fileName = name ?? (declared === "video/webm" ? "clip.webm" : "clip.mp4");
  if (typeof fileName !== "string" || fileName.trim() === "") {
    throw new ClipKitValidationError("fileName", "give a file name ending in .mp4 or .webm");
  }
  const contentType = mediaTypeFor(fileName);
  if (!VIDEO_TYPES.has(contentType)) {
    throw new ClipKitValidationError(
      "fileName",
      `Zoom Clips takes .mp4 and .webm files; ${JSON.stringify(fileName)} is neither`,
    );
  }
  if (
    declared !== undefined &&
    declared !== "application/octet-stream" &&
    declared !== contentType
  ) {
    throw new ClipKitValidationError(
      "contentType",
      `${declared} does not match the file name ${JSON.stringify(fileName)}`,
    );
  }
  return { fileName, contentType };
}

/** The per-request options an upload passes on, checked against core's one table of ranges. */
function requestOptionsOf(options: UploadClipOptions): RequestOptions {
  return checkOptions(options, ["maxRetries", "timeoutMs", "idleTimeoutMs", "retryPost"]);
}

/** Checks the input and every option, and decides single or multipart; nothing is sent. */
export function planUpload(input: UploadInput, options: UploadClipOptions): Plan {
  const source = toUploadSource(input, {
    size: options.size,
    name: options.fileName,
    type: options.contentType,
  });
  const limits: UploadLimits = { ...UPLOAD_LIMITS, ...options.limits };
  const size = source.size ?? options.size;
  if (size !== undefined) wholeNumber("size", size, 0, Number.MAX_SAFE_INTEGER);
  if (size === 0) throw new ClipKitValidationError("source", "the source is empty");
  const { fileName, contentType } = clipFileType(
    options.fileName ?? source.name,
    options.contentType ?? source.type,
  );
  const concurrency = wholeNumber(
    "concurrency",
    options.concurrency ?? UPLOAD_DEFAULTS.concurrency,
    1,
    limits.maxParts,
  );
  const threshold = Math.min(
    wholeNumber(
      "multipartThreshold",
      options.multipartThreshold ?? UPLOAD_DEFAULTS.multipartThreshold,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    limits.maxSingleSize,
  );
  if (options.maxRedirects !== undefined) wholeNumber("maxRedirects", options.maxRedirects, 0, 20);
  const requestOptions = requestOptionsOf(options);
  if (options.resume !== undefined) {
    checkResume(options.resume, { size, partSize: options.partSize, limits });
  }
  const partSize = choosePartSize(size, options.resume?.partSize ?? options.partSize, limits);
  if (options.signal?.aborted) {
    throw new AbortError("the upload was aborted before it started", {
      cause: options.signal.reason,
    });
  }
  const multipart = options.resume !== undefined || size === undefined || size > threshold;
  return {
    source,
    fileName,
    contentType,
    size,
    limits,
    multipart,
    partSize,
    concurrency,
    requestOptions,
  };
}

/** Options for a request that carries file bytes: the idle limit governs it, not a whole-attempt one. */
export function bodyRequestOptions(plan: Plan, extra: RequestOptions = {}): RequestOptions {
  return { timeoutMs: MAX_TIMER_MS, ...plan.requestOptions, ...extra };
}
