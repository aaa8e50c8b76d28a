/**
 * Downloads a Zoom Cloud Recording file (a meeting's `recording_files[].download_url`).
 * Node.js only (exported from `@clipkit/zoom-cloud-recording/node`). The request lifecycle,
 * the credential policy, resuming and the length check are core's; the `.part` file
 * handling is @clipkit/zoom-shared's, shared with @clipkit/zoom-clips' downloadClip.
 */
import {
  type AuthProvider,
  type ClientOptions,
  createPipeline,
  type Download,
  type DownloadProgress,
  openDownload,
  type TokenProvider,
  toAuthProvider,
} from "@clipkit/core";
import { zoomVendor } from "@clipkit/zoom-shared";
import { type DownloadToFileResult, downloadToFile } from "@clipkit/zoom-shared/node";
import { PACKAGE_NAME, VERSION } from "./client.js";

export interface DownloadRecordingFileOptions
  extends Pick<
    ClientOptions,
    | "fetch"
    | "timeoutMs"
    | "idleTimeoutMs"
    | "maxRetries"
    | "backoff"
    | "logger"
    | "sleep"
    | "random"
  > {
  /** The access token (or provider) for the recording: sent only to https Zoom hosts. */
  auth: AuthProvider | TokenProvider;
  /** Origins besides https Zoom hosts that may receive it (a proxy, a local fake in tests). */
  trustedOrigins?: string[];
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Default 5. */
  maxRedirects?: number;
}

export type RecordingFileResult = DownloadToFileResult;

function open(
  downloadUrl: string,
  options: DownloadRecordingFileOptions,
  offset: number,
  validator: string | undefined,
): Promise<Download> {
  const { auth, trustedOrigins, signal, onProgress, maxRedirects, ...policy } = options;
  // Only the download URL's own host is trusted beyond Zoom's rule if the caller says so.
  const [first, ...rest] = trustedOrigins ?? [];
  const pipeline = createPipeline({
    ...policy,
    baseUrl: first ?? "https://zoom.us",
    ...(rest.length ? { trustedOrigins: rest } : {}),
    auth: toAuthProvider(auth),
    vendor: zoomVendor(PACKAGE_NAME, VERSION),
  });
  return openDownload(pipeline, downloadUrl, {
    offset,
    validator,
    signal,
    onProgress,
    maxRedirects,
  });
}

/** The recording file as a web `ReadableStream` (resumes a broken connection; errors if it ends short). */
export function downloadRecordingFile(
  downloadUrl: string,
  options: DownloadRecordingFileOptions & { stream: true },
): Promise<Download>;
/**
 * The recording file written to `destination` through `<destination>.part` (renamed when
 * complete); an existing `.part` is resumed with `Range` + `If-Range` when the server allows it.
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
  const { destination, resume, stream: _stream, ...rest } = options;
  if (destination === undefined) return open(downloadUrl, rest, 0, undefined);
  return downloadToFile(
    (offset, validator) => open(downloadUrl, rest, offset, validator),
    destination,
    resume === undefined ? {} : { resume },
  );
}
