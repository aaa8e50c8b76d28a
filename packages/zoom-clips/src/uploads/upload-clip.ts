import { AbortError, ClipKitValidationError, ResponseParseError } from "@clipkit/core";
import type { ZoomClipsClient } from "../client.js";
import { checkUploadFileType } from "../upload-file-type.js";
import { formDataStream } from "./form-data.js";
import { UPLOAD_DEFAULTS, UPLOAD_LIMITS, type UploadLimits } from "./limits.js";
import { mediaTypeFor, toUploadSource, type UploadInput, type UploadSource } from "./source.js";
import {
  type BodyFactory,
  type RetryOptions,
  type SentRequest,
  sendFileRequest,
  type TransportOptions,
  withRetries,
} from "./transport.js";

export interface UploadProgress {
  /** File bytes handed to the network so far (a retried part counts again from 0). */
  bytesSent: number;
  /** The source's size, when known. */
  totalBytes: number | undefined;
}

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

export interface UploadClipOptions extends TransportOptions {
  /** The file name sent with the upload. Default: the File's/path's name, else `clip.mp4`. */
  fileName?: string;
  /** Default: the Blob's type, else from the file name (`.mp4`, `.webm`). */
  contentType?: string;
  /** The size of a stream source; a stream of unknown size always goes multipart. */
  size?: number;
  /** Larger sources go multipart. Default 100 MiB (at most 2 GB, the single-upload limit). */
  multipartThreshold?: number;
  /** Bytes per part (5–100 MB). Default 16 MiB, grown so the source fits in 100 parts. */
  partSize?: number;
  /** Parts in flight at once. Default 4. Stream sources buffer one part per slot. */
  concurrency?: number;
  /** Retries per request on connection resets, timeouts, 408, 429 (Retry-After) and 5xx. */
  retry?: RetryOptions;
  onProgress?: (progress: UploadProgress) => void;
  /** Called with a fresh copy of the state after the upload is created and after every part. */
  onStateChange?: (state: MultipartUploadState) => void;
  /** A state from an earlier, unfinished call: its finished parts are not sent again. */
  resume?: MultipartUploadState;
  /**
   * Overrides of the documented limits. For tests only (small parts against a fake server):
   * Zoom enforces the real ones.
   */
  limits?: Partial<UploadLimits>;
}

export interface UploadClipResult {
  clip_id: string;
}

interface Plan {
  source: UploadSource;
  fileName: string;
  contentType: string;
  size: number | undefined;
  limits: UploadLimits;
}

const isWhole = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

function positive(field: string, value: number | undefined): void {
  if (value !== undefined && (!isWhole(value) || value < 1)) {
    throw new ClipKitValidationError(field, `expected a whole number ≥ 1, got ${value}`);
  }
}

/**
 * Uploads a clip file: one `POST /clips/files` up to the multipart threshold (100 MiB by
 * default), a multipart upload above it or for a stream of unknown size. The body is
 * streamed as `multipart/form-data`: the file is never held in memory whole. Sizes and part
 * rules are checked before anything is sent (`ClipKitValidationError`).
 */
export async function uploadClip(
  client: ZoomClipsClient,
  input: UploadInput,
  options: UploadClipOptions = {},
): Promise<UploadClipResult> {
  const source = toUploadSource(input, {
    size: options.size,
    name: options.fileName,
    type: options.contentType,
  });
  const limits: UploadLimits = { ...UPLOAD_LIMITS, ...options.limits };
  const size = source.size ?? options.size;
  positive("size", size);
  positive("concurrency", options.concurrency);
  positive("multipartThreshold", options.multipartThreshold);
  const fileName = options.fileName ?? source.name ?? "clip.mp4";
  checkUploadFileType(fileName, options.contentType ?? source.type, mediaTypeFor);
  const plan: Plan = {
    source,
    fileName,
    contentType: options.contentType ?? source.type ?? mediaTypeFor(fileName),
    size,
    limits,
  };
  if (options.signal?.aborted) throw new AbortError("the upload was aborted before it started");
  const threshold = Math.min(
    options.multipartThreshold ?? UPLOAD_DEFAULTS.multipartThreshold,
    limits.maxSingleSize,
  );
  if (options.resume === undefined && size !== undefined && size <= threshold) {
    return uploadSingle(client, plan, options);
  }
  return uploadMultipart(client, plan, options);
}

async function uploadSingle(
  client: ZoomClipsClient,
  plan: Plan,
  options: UploadClipOptions,
): Promise<UploadClipResult> {
  const size = plan.size as number;
  let failure: (() => unknown) | undefined;
  let inFlight = 0;
  const report = () => options.onProgress?.({ bytesSent: inFlight, totalBytes: size });
  const makeBody: BodyFactory = () => {
    inFlight = 0;
    const form = formDataStream(
      {},
      {
        field: "file",
        filename: plan.fileName,
        type: plan.contentType,
        size,
        stream: plan.source.slice ? plan.source.slice(0, size) : plan.source.stream(),
        onBytes: (n) => {
          inFlight += n;
          report();
        },
      },
    );
    failure = form.sourceError;
    return form;
  };
  const redirects = { seen: false };
  const sent = await withRetries(
    () =>
      sendFileRequest(client, "/clips/files", makeBody, {
        ...options,
        attemptTimeoutMs: options.attemptTimeoutMs ?? UPLOAD_DEFAULTS.attemptTimeoutMs,
        redirects,
      }),
    {
      ...options.retry,
      signal: options.signal,
      // A stream is read once; a broken source is not the network's fault.
      canRetry: () => plan.source.slice !== undefined && failure?.() === undefined,
    },
  );
  return { clip_id: clipIdOf(sent, "POST /clips/files") };
}

/** A 2xx answer without a field the spec requires: typed, like any other bad answer. */
function missingField(sent: SentRequest, what: string, field: string): ResponseParseError {
  return new ResponseParseError(
    `${what} answered without ${field}`,
    sent.response.status,
    sent.response.headers.get("content-type") ?? undefined,
    undefined,
  );
}

function clipIdOf(sent: SentRequest, what: string): string {
  const clipId = (sent.data as { clip_id?: unknown } | undefined)?.clip_id;
  if (typeof clipId !== "string" || clipId === "") throw missingField(sent, what, "a clip_id");
  return clipId;
}

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
  if (!isWhole(partSize) || partSize < minPartSize || partSize > maxPartSize) {
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

function checkResume(state: MultipartUploadState, plan: Plan, options: UploadClipOptions): void {
  const fail = (message: string) => {
    throw new ClipKitValidationError("resume", message);
  };
  if (state?.version !== 1 || typeof state.uploadContext !== "string" || !state.uploadContext) {
    fail("not a multipart upload state from uploadClip");
  }
  if (!Array.isArray(state.parts)) fail("the state has no parts list");
  if (options.partSize !== undefined && options.partSize !== state.partSize) {
    fail(`the upload was started with parts of ${state.partSize} bytes, not ${options.partSize}`);
  }
  if ((plan.size ?? null) !== state.totalSize && plan.size !== undefined) {
    fail(`the upload was started for ${state.totalSize} bytes; this source has ${plan.size}`);
  }
  const created = Date.parse(state.createdAt);
  if (Number.isNaN(created)) fail("createdAt is not a date");
  if (Date.now() - created > plan.limits.completeWithinMs) {
    fail(
      `the upload was created at ${state.createdAt}; Zoom drops multipart uploads not completed within 7 days — start a new one`,
    );
  }
}

interface Part {
  number: number;
  size: number;
  body: () => ReadableStream<Uint8Array>;
}

function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * The parts of a source in order. A source that can be sliced yields descriptions only (each
 * attempt re-reads its range); a stream is cut into buffers of `partSize`, one per part in
 * flight, so a part can be re-sent.
 */
function partsOf(plan: Plan, partSize: number): () => Promise<Part | undefined> {
  const { source, size, limits } = plan;
  let number = 0;
  const tooMany = () =>
    new ClipKitValidationError(
      "size",
      `the stream is longer than ${limits.maxParts} parts of ${partSize} bytes; give a larger partSize`,
    );
  const slice = source.slice?.bind(source);
  if (slice && size !== undefined) {
    const count = Math.ceil(size / partSize);
    return async () => {
      if (number >= count) return undefined;
      number++;
      const start = (number - 1) * partSize;
      const end = Math.min(size, start + partSize);
      return { number, size: end - start, body: () => slice(start, end) };
    };
  }
  const reader = source.stream().getReader();
  let leftover: Uint8Array | undefined;
  let ended = false;
  let read = 0;
  let chain: Promise<Part | undefined> = Promise.resolve(undefined);
  const next = async (): Promise<Part | undefined> => {
    if (ended && !leftover) return undefined;
    const buffer = new Uint8Array(partSize);
    let filled = 0;
    while (filled < partSize) {
      let chunk = leftover;
      leftover = undefined;
      if (!chunk) {
        if (ended) break;
        const result = await reader.read();
        if (result.done) {
          ended = true;
          break;
        }
        chunk = result.value;
      }
      const take = Math.min(chunk.byteLength, partSize - filled);
      buffer.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.byteLength) leftover = chunk.subarray(take);
    }
    read += filled;
    if (filled === 0) {
      if (size !== undefined && read !== size) {
        throw new ClipKitValidationError("size", `the stream ended after ${read} of ${size} bytes`);
      }
      return undefined;
    }
    if (size !== undefined && read > size) {
      throw new ClipKitValidationError("size", `the stream is longer than the ${size} bytes given`);
    }
    number++;
    if (number > limits.maxParts) throw tooMany();
    const bytes = filled === partSize ? buffer : buffer.subarray(0, filled);
    return { number, size: filled, body: () => bytesStream(bytes) };
  };
  // One read at a time, in order, whichever worker asks.
  return () => {
    chain = chain.then(next, next);
    return chain;
  };
}

async function uploadMultipart(
  client: ZoomClipsClient,
  plan: Plan,
  options: UploadClipOptions,
): Promise<UploadClipResult> {
  const partSize = choosePartSize(
    plan.size,
    options.resume?.partSize ?? options.partSize,
    plan.limits,
  );
  if (options.resume) checkResume(options.resume, plan, options);
  if (plan.size === 0) throw new ClipKitValidationError("size", "the source is empty");
  const concurrency = options.concurrency ?? UPLOAD_DEFAULTS.concurrency;
  const transport: TransportOptions = {
    ...options,
    attemptTimeoutMs: options.attemptTimeoutMs ?? UPLOAD_DEFAULTS.attemptTimeoutMs,
    redirects: { seen: false },
  };
  const retry = { ...options.retry, signal: options.signal };
  const json =
    (value: unknown): BodyFactory =>
    () => ({ body: JSON.stringify(value), contentType: "application/json" });

  // The first part is read before anything is created on the server: an empty stream must not
  // leave an orphaned multipart upload behind.
  const readPart = partsOf(plan, partSize);
  let firstPart = options.resume ? undefined : await readPart();
  if (!options.resume && firstPart === undefined) {
    throw new ClipKitValidationError("source", "the source is empty: there is nothing to upload");
  }
  const nextPart = async () => {
    const part = firstPart ?? (await readPart());
    firstPart = undefined;
    return part;
  };

  let state: MultipartUploadState;
  if (options.resume) {
    state = structuredClone(options.resume);
  } else {
    const created = await withRetries(
      () =>
        sendFileRequest(
          client,
          "/clips/files/multipart/upload_events",
          json({ method: "CreateMultipartUpload", params: { file_name: plan.fileName } }),
          transport,
        ),
      retry,
    );
    const uploadContext = (created.data as { upload_context?: unknown } | undefined)
      ?.upload_context;
    if (typeof uploadContext !== "string" || uploadContext === "") {
      throw missingField(created, "CreateMultipartUpload", "an upload_context");
    }
    state = {
      version: 1,
      uploadContext,
      fileName: plan.fileName,
      partSize,
      totalSize: plan.size ?? null,
      createdAt: new Date().toISOString(),
      parts: [],
    };
    options.onStateChange?.(structuredClone(state));
  }

  const done = new Map(state.parts.map((part) => [part.part_number, part.etag]));
  const inFlight = new Map<number, number>();
  let completedBytes = 0;
  const report = () => {
    let sent = completedBytes;
    for (const bytes of inFlight.values()) sent += bytes;
    options.onProgress?.({ bytesSent: sent, totalBytes: plan.size });
  };

  // Our own signal: the caller's abort, or ours after a part failed for good.
  const stop = new AbortController();
  const onCallerAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener("abort", onCallerAbort, { once: true });
  let failure: unknown;
  let total = 0;

  const sendPart = async (part: Part) => {
    let sourceError: () => unknown = () => undefined;
    const makeBody: BodyFactory = () => {
      inFlight.set(part.number, 0);
      const form = formDataStream(
        { upload_context: state.uploadContext, part_number: String(part.number) },
        {
          field: "file",
          filename: plan.fileName,
          type: "application/octet-stream",
          size: part.size,
          stream: part.body(),
          onBytes: (n) => {
            inFlight.set(part.number, (inFlight.get(part.number) ?? 0) + n);
            report();
          },
        },
      );
      sourceError = form.sourceError;
      return form;
    };
    const sent = await withRetries(
      () =>
        sendFileRequest(client, "/clips/files/multipart", makeBody, {
          ...transport,
          signal: stop.signal,
        }),
      { ...retry, signal: stop.signal, canRetry: () => sourceError() === undefined },
    );
    const etag = (sent.data as { part_number_etag?: { etag?: unknown } } | undefined)
      ?.part_number_etag?.etag;
    if (typeof etag !== "string" || etag === "") {
      throw missingField(sent, `part ${part.number}`, "an etag");
    }
    return etag;
  };

  const worker = async () => {
    while (!stop.signal.aborted && failure === undefined) {
      let part: Part | undefined;
      try {
        part = await nextPart();
      } catch (error) {
        failure ??= error;
        return;
      }
      if (!part) return;
      total = Math.max(total, part.number);
      if (done.has(part.number)) {
        completedBytes += part.size;
        report();
        continue;
      }
      try {
        const etag = await sendPart(part);
        done.set(part.number, etag);
        inFlight.delete(part.number);
        completedBytes += part.size;
        state.parts = [...done]
          .sort(([a], [b]) => a - b)
          .map(([part_number, etag]) => ({ part_number, etag }));
        report();
        options.onStateChange?.(structuredClone(state));
      } catch (error) {
        inFlight.delete(part.number);
        // The first failure is the one to report. Parts already in flight may finish (and
        // are kept in the state for a resume); no new part starts.
        failure ??= error;
        return;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
  if (options.signal?.aborted) {
    throw new AbortError("the upload was aborted; resume it with the last state", {
      cause: options.signal.reason,
    });
  }
  if (failure !== undefined) throw failure;
  // Complete only when every part from 1 to the last has its etag.
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !done.has(n));
  if (total === 0 || missing.length > 0) {
    throw new Error(
      total === 0 ? "the source is empty" : `parts ${missing.join(", ")} were not uploaded`,
    );
  }
  const completed = await withRetries(
    () =>
      sendFileRequest(
        client,
        "/clips/files/multipart/upload_events",
        json({
          method: "CompleteMultipartUpload",
          params: { upload_context: state.uploadContext, part_number_etags: state.parts },
        }),
        transport,
      ),
    retry,
  );
  return { clip_id: clipIdOf(completed, "CompleteMultipartUpload") };
}
