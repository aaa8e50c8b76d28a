/**
 * Downloads a Zoom Cloud Recording file (a meeting's `recording_files[].download_url`).
 * Node.js only (file destinations use `node:fs`); the streaming core, the redirect policy and
 * the length check are @clipkit/zoom-shared's, shared with @clipkit/zoom-clips' downloadClip.
 */
import { createWriteStream } from "node:fs";
import { rename, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { type AuthProvider, type TokenProvider, toAuthProvider } from "@clipkit/core";
import {
  type Download,
  type DownloadProgress,
  IncompleteDownloadError,
  mayReceiveCredentials,
  openDownload,
  zoomVendor,
} from "@clipkit/zoom-shared";
import { PACKAGE_NAME, VERSION } from "./client.js";

export interface DownloadRecordingFileOptions {
  /** The access token (or provider) for the recording: sent only to https Zoom hosts. */
  auth: AuthProvider | TokenProvider;
  /** Origins besides https Zoom hosts that may receive it (a proxy, a local fake in tests). */
  trustedOrigins?: string[];
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Default 5. */
  maxRedirects?: number;
}

export interface RecordingFileResult {
  path: string;
  bytes: number;
  /** The size of the `.part` this call resumed from (0 when it started afresh). */
  resumedFrom: number;
}

async function open(
  downloadUrl: string,
  options: DownloadRecordingFileOptions,
  offset: number,
): Promise<Download> {
  const trusted = options.trustedOrigins ?? [];
  let headers = new Headers();
  // Sign only a URL that may have the credentials; redirect hops are re-checked one by one.
  if (mayReceiveCredentials(downloadUrl, trusted)) {
    const signed = await toAuthProvider(options.auth).authorize(new Request(downloadUrl), {
      forceRefresh: false,
    });
    headers = new Headers(signed.headers);
  }
  return openDownload(downloadUrl, {
    headers,
    trustedOrigins: trusted,
    offset,
    vendor: zoomVendor(PACKAGE_NAME, VERSION),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
  });
}

/** The recording file as a web `ReadableStream` (errors if the body ends short). */
export function downloadRecordingFile(
  downloadUrl: string,
  options: DownloadRecordingFileOptions & { stream: true },
): Promise<Download>;
/**
 * The recording file written to `destination` through `<destination>.part` (renamed when
 * complete); an existing `.part` is resumed with `Range` when the server allows it.
 */
export function downloadRecordingFile(
  downloadUrl: string,
  options: DownloadRecordingFileOptions & { destination: string; resume?: boolean },
): Promise<RecordingFileResult>;
export async function downloadRecordingFile(
  downloadUrl: string,
  options: DownloadRecordingFileOptions & {
    stream?: true;
    destination?: string;
    resume?: boolean;
  },
): Promise<Download | RecordingFileResult> {
  if (options.destination === undefined) return open(downloadUrl, options, 0);
  // The same steps as @clipkit/zoom-clips/node's downloadToFile (no shared Node entry yet).
  const destination = options.destination;
  const partPath = `${destination}.part`;
  const existing =
    options.resume === false
      ? 0
      : await stat(partPath).then(
          (s) => s.size,
          () => 0,
        );
  const download = await open(downloadUrl, options, existing);
  const append = existing > 0 && download.start === existing;
  await pipeline(
    Readable.fromWeb(download.stream as NodeWebStream<Uint8Array>),
    createWriteStream(partPath, { flags: append ? "a" : "w" }),
  );
  const { size } = await stat(partPath);
  if (download.totalBytes !== undefined && size !== download.totalBytes) {
    throw new IncompleteDownloadError(
      `${partPath} has ${size} bytes; the file has ${download.totalBytes}`,
      size,
      download.totalBytes,
    );
  }
  await rename(partPath, destination);
  return { path: destination, bytes: size, resumedFrom: append ? existing : 0 };
}
