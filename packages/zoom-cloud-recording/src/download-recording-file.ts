/**
 * Downloads a Zoom Cloud Recording file (a meeting's `recording_files[].download_url`).
 * Node.js only (exported from `@clipkit/zoom-cloud-recording/node`). The streaming core, the
 * redirect policy, the length check and the `.part` file handling are @clipkit/zoom-shared's,
 * shared with @clipkit/zoom-clips' downloadClip.
 */
import {
  type AuthProvider,
  ClipKitValidationError,
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

interface DownloadCredentials {
  /** The OAuth access token (or provider) for the recording: sent only to https Zoom hosts. */
  auth?: AuthProvider | TokenProvider;
  /**
   * Instead of `auth`: the `download_access_token` of GET /meetings/{meetingId}/recordings
   * (`include_fields=download_access_token`), sent as a bearer token under the same host
   * policy as `auth`.
   */
  downloadAccessToken?: string;
}

export interface DownloadRecordingFileOptions extends DownloadCredentials {
  /** Origins besides https Zoom hosts that may receive it (a proxy, a local fake in tests). */
  trustedOrigins?: string[];
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Default 5. */
  maxRedirects?: number;
}

export type RecordingFileResult = DownloadToFileResult;

/** Exactly one credential: the OAuth token or the download access token. */
function credential({ auth, downloadAccessToken }: DownloadCredentials): AuthProvider {
  if (downloadAccessToken !== undefined) {
    if (auth !== undefined) {
      throw new ClipKitValidationError(
        "downloadAccessToken",
        "give either auth or downloadAccessToken, not both",
      );
    }
    if (typeof downloadAccessToken !== "string" || downloadAccessToken.trim() === "") {
      throw new ClipKitValidationError("downloadAccessToken", "expected a non-empty token");
    }
    return toAuthProvider(downloadAccessToken);
  }
  if (auth === undefined) {
    throw new ClipKitValidationError("auth", "give auth (an OAuth token) or downloadAccessToken");
  }
  return toAuthProvider(auth);
}

async function open(
  downloadUrl: string,
  options: DownloadRecordingFileOptions,
  auth: AuthProvider,
  offset: number,
): Promise<Download> {
  const trusted = options.trustedOrigins ?? [];
  let headers = new Headers();
  // Sign only a URL that may have the credentials; redirect hops are re-checked one by one.
  if (mayReceiveCredentials(downloadUrl, trusted)) {
    const signed = await auth.authorize(new Request(downloadUrl), {
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
  const auth = credential(options);
  if (options.destination === undefined) return open(downloadUrl, options, auth, 0);
  const { destination, resume } = options;
  return downloadToFile(
    (offset) => open(downloadUrl, options, auth, offset),
    destination,
    resume === undefined ? {} : { resume },
  );
}
