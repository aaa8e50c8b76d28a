/**
 * Downloads a Zoom Cloud Recording file (a meeting's `recording_files[].download_url`).
 * Node.js only (exported from `@clipkit/zoom-cloud-recording/node`). The request lifecycle,
 * the credential policy, resuming and the length check are core's; the `.part` file
 * handling is @clipkit/zoom-shared's, shared with @clipkit/zoom-clips' downloadClip.
 */
import {
  type AuthProvider,
  type ClientOptions,
  ClipKitValidationError,
  type DownloadProgress,
  type TokenProvider,
  toAuthProvider,
} from "@clipkit/core";
import { createPipeline, type Download, openDownload } from "@clipkit/core/internal";
import { zoomVendor } from "@clipkit/zoom-shared";
import {
  type DownloadToFileOptions,
  type DownloadToFileResult,
  downloadToFile,
} from "@clipkit/zoom-shared/node";
import { PACKAGE_NAME, VERSION } from "./version.js";

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

export interface DownloadRecordingFileOptions
  extends DownloadCredentials,
    Pick<
      ClientOptions,
      | "fetch"
      | "allowInsecureHttp"
      | "timeoutMs"
      | "idleTimeoutMs"
      | "maxRetries"
      | "backoff"
      | "logger"
      | "sleep"
      | "random"
    > {
  /** Origins besides https Zoom hosts that may receive it (a proxy, a local fake in tests). */
  trustedOrigins?: string[];
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

function open(
  downloadUrl: string,
  options: DownloadRecordingFileOptions,
  auth: AuthProvider,
  offset: number,
  validator: string | undefined,
): Promise<Download> {
  const {
    auth: _auth,
    downloadAccessToken: _downloadAccessToken,
    trustedOrigins,
    signal,
    onProgress,
    maxRedirects,
    ...policy
  } = options;
  // Only the download URL's own host is trusted beyond Zoom's rule if the caller says so.
  const [first, ...rest] = trustedOrigins ?? [];
  const pipeline = createPipeline({
    ...policy,
    baseUrl: first ?? "https://zoom.us",
    ...(rest.length ? { trustedOrigins: rest } : {}),
    auth,
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
  options: DownloadRecordingFileOptions & DownloadToFileOptions & { destination: string },
): Promise<RecordingFileResult>;
export async function downloadRecordingFile(
  downloadUrl: string,
  options: DownloadRecordingFileOptions & {
    stream?: true;
    destination?: string;
  } & DownloadToFileOptions,
): Promise<Download | RecordingFileResult> {
  const { destination, resume, freshFolder, stream: _stream, ...rest } = options;
  const auth = credential(rest);
  if (destination === undefined) return open(downloadUrl, rest, auth, 0, undefined);
  return downloadToFile(
    (offset, validator) => open(downloadUrl, rest, auth, offset, validator),
    destination,
    { resume, freshFolder },
  );
}
