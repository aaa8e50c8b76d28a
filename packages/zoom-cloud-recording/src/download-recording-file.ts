/**
 * Downloads a Zoom Cloud Recording file (a meeting's `recording_files[].download_url`).
 * Node.js only (exported from `@clipkit/zoom-cloud-recording/node`). The streaming core, the
 * redirect policy, the length check and the `.part` file handling are @clipkit/zoom-shared's,
 * shared with @clipkit/zoom-clips' downloadClip.
 */
import {
  type AuthProvider,
  assertCredentialTransport,
  type TokenProvider,
  toAuthProvider,
} from "@clipkit/core";
import {
  type Download,
  type DownloadProgress,
  mayReceiveCredentials,
  openDownload,
  zoomVendor,
} from "@clipkit/zoom-shared";
import { type DownloadToFileResult, downloadToFile } from "@clipkit/zoom-shared/node";
import { PACKAGE_NAME, VERSION } from "./client.js";

export interface DownloadRecordingFileOptions {
  /** The access token (or provider) for the recording: sent only to https Zoom hosts. */
  auth: AuthProvider | TokenProvider;
  /** Origins besides https Zoom hosts that may receive it (a proxy, a local fake in tests). */
  trustedOrigins?: string[];
  /** Let the token travel over plain `http://` to a trusted origin that is not loopback. */
  allowInsecureHttp?: boolean;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Default 5. */
  maxRedirects?: number;
}

export type RecordingFileResult = DownloadToFileResult;

async function open(
  downloadUrl: string,
  options: DownloadRecordingFileOptions,
  offset: number,
): Promise<Download> {
  const trusted = options.trustedOrigins ?? [];
  for (const origin of trusted) {
    assertCredentialTransport("trustedOrigins", origin, options.allowInsecureHttp);
  }
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
  const { destination, resume } = options;
  return downloadToFile(
    (offset) => open(downloadUrl, options, offset),
    destination,
    resume === undefined ? {} : { resume },
  );
}
