/**
 * The Node.js entry point (`@clipkit/zoom-clips/node`): everything that touches the file
 * system. The main entry stays runtime-neutral.
 */
import type { Download } from "@clipkit/zoom-shared";
import {
  type DownloadToFileOptions,
  type DownloadToFileResult,
  downloadToFile,
} from "@clipkit/zoom-shared/node";
import {
  type DownloadClipOptions,
  downloadClip as downloadClipStream,
} from "../downloads/download-clip.js";
import type { LeanZoomClipsClient } from "../lean-client.js";
import type { UploadInput } from "../uploads/source.js";
import {
  type UploadClipOptions,
  type UploadClipResult,
  uploadClip as uploadClipFrom,
} from "../uploads/upload-clip.js";
import { fileSource } from "./file-source.js";

export { type DownloadToFileResult, downloadToFile } from "@clipkit/zoom-shared/node";
export { fileSource } from "./file-source.js";

/**
 * `uploadClip` of the main entry, plus file paths: a `string` is read from disk lazily (any
 * size, a few chunks of memory) and its parts re-read on a retry.
 */
export async function uploadClip(
  client: LeanZoomClipsClient,
  source: string | UploadInput,
  options: UploadClipOptions = {},
): Promise<UploadClipResult> {
  // The options' fileName and contentType win over the source's own in the plan: no hints here.
  const input = typeof source === "string" ? await fileSource(source) : source;
  return uploadClipFrom(client, input, options);
}

export interface DownloadClipToFileOptions
  extends Omit<DownloadClipOptions, "offset" | "validator">,
    DownloadToFileOptions {}

/** Streams a clip's MP4 into `destination` (via `<destination>.part`, resumable). */
export function downloadClip(
  client: LeanZoomClipsClient,
  clipId: string,
  destination: string,
  options?: DownloadClipToFileOptions,
): Promise<DownloadToFileResult>;
/** The clip's MP4 as a web `ReadableStream` (as in the main entry). */
export function downloadClip(
  client: LeanZoomClipsClient,
  clipId: string,
  options: DownloadClipOptions & { stream: true },
): Promise<Download>;
export function downloadClip(
  client: LeanZoomClipsClient,
  clipId: string,
  target: string | (DownloadClipOptions & { stream: true }),
  options: DownloadClipToFileOptions = {},
): Promise<DownloadToFileResult | Download> {
  if (typeof target !== "string") return downloadClipStream(client, clipId, target);
  const { resume, freshFolder, ...rest } = options;
  return downloadToFile(
    (offset, validator) =>
      downloadClipStream(client, clipId, { ...rest, offset, validator, stream: true }),
    target,
    { resume, freshFolder },
  );
}
