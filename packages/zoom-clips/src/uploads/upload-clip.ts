import type { LeanZoomClipsClient } from "../lean-client.js";
import type { UploadLimits } from "./limits.js";
import { uploadMultipart } from "./multipart.js";
import { planUpload } from "./plan.js";
import { uploadSingle } from "./single.js";
import type { UploadInput } from "./source.js";
import type { MultipartUploadState } from "./state.js";

export interface UploadProgress {
  /** File bytes handed to the network so far (a retried part counts again from 0). */
  bytesSent: number;
  /** The source's size, when known. */
  totalBytes: number | undefined;
}

export interface UploadClipOptions {
  signal?: AbortSignal | undefined;
  /** The file name sent with the upload, `.mp4` or `.webm`. Default: the File's/path's name, else `clip.mp4`. */
  fileName?: string;
  /** `video/mp4` or `video/webm`. Default: the Blob's type, else from the file name. */
  contentType?: string;
  /** The size of a stream source; a stream of unknown size always goes multipart. */
  size?: number;
  /** Larger sources go multipart. Default 100 MiB (at most 2 GB, the single-upload limit). */
  multipartThreshold?: number;
  /** Bytes per part (5–100 MB). Default 16 MiB, grown so the source fits in 100 parts. */
  partSize?: number;
  /** Parts in flight at once (1–100). Default 4. Stream sources buffer one part per slot. */
  concurrency?: number;
  /** Retries per request. Default: the client's `maxRetries`. */
  maxRetries?: number;
  /**
   * Also retry the single upload and the create/complete events (POSTs) on 5xx, 408 and
   * connection failures. Parts are always retried: a part sent again replaces itself.
   * Default: the client's `retryPost`.
   */
  retryPost?: boolean;
  /** Fail a request whose body moves no byte for this long. Default: the client's `idleTimeoutMs`. */
  idleTimeoutMs?: number;
  /**
   * Per-attempt limit of every request of the upload. Default: the client's `timeoutMs` for
   * the create/complete events, none for requests that carry file bytes (`idleTimeoutMs` governs those).
   */
  timeoutMs?: number;
  /** Redirects followed per request. Default 5. */
  maxRedirects?: number;
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

/**
 * Uploads a clip file (MP4 or WebM): one `POST /clips/files` up to the multipart threshold
 * (100 MiB by default), a multipart upload above it or for a stream of unknown size. The body
 * is streamed as `multipart/form-data`: the file is never held in memory whole. Every request
 * goes through the client's lifecycle (credentials, retries, time limits, typed errors). The
 * input, sizes, part rules and a resume state are checked before anything is sent
 * (`ClipKitValidationError`).
 */
export async function uploadClip(
  client: LeanZoomClipsClient,
  input: UploadInput,
  options: UploadClipOptions = {},
): Promise<UploadClipResult> {
  const plan = planUpload(input, options);
  return plan.multipart
    ? uploadMultipart(client, plan, options)
    : uploadSingle(client, plan, options);
}
