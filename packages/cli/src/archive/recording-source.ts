import { type AuthProvider, unwrap } from "@clipkit/core";
import type { ZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
import { downloadRecordingFile } from "@clipkit/zoom-cloud-recording/node";
import { isClipPath } from "./layout.js";
import { listRecordings, type PlannedFile } from "./plan.js";
import type { ArchiveSource, DownloadStrategy } from "./source.js";

export interface RecordingDownloadOptions {
  /** The credential downloads send: the API's, or an event's download_token (`watch`). */
  auth: AuthProvider;
  /** Origins besides Zoom's https hosts that may receive it (`--base-url`'s). */
  trustedOrigins: string[];
  /** Retries per download (429s, resets). */
  maxRetries: number;
}

/** Recording files by their `download_url`, with `auth` sent only where core's policy allows. */
export function recordingDownloads(
  options: RecordingDownloadOptions,
): DownloadStrategy<PlannedFile> {
  const { auth, trustedOrigins, maxRetries } = options;
  return {
    toFile: (item, destination, { signal, onProgress, freshFolder }) =>
      downloadRecordingFile(item.file.download_url, {
        auth,
        destination,
        freshFolder,
        trustedOrigins,
        maxRetries,
        signal,
        onProgress,
      }),
    stream: (item, { signal }) =>
      downloadRecordingFile(item.file.download_url, {
        auth,
        trustedOrigins,
        maxRetries,
        signal,
        stream: true,
      }),
  };
}

/** Cloud recordings of users over `from`..`to`; `--trash-after` trashes a meeting instance. */
export function recordingSource(
  client: ZoomCloudRecordingClient,
  options: RecordingDownloadOptions & { from: string; to: string },
): ArchiveSource<PlannedFile> {
  return {
    list: ({ users, signal, onUser }) =>
      listRecordings(client, { users, from: options.from, to: options.to, signal, onUser }),
    downloads: recordingDownloads(options),
    // Everything but the users' clips folders: files of neither kind are the recordings' to report.
    holds: (path) => !isClipPath(path),
    async trash(group, signal) {
      await unwrap(
        client.DELETE("/meetings/{meetingId}/recordings", {
          // The instance UUID as Zoom gave it: the client double-encodes it where Zoom requires.
          params: { path: { meetingId: group.id }, query: { action: "trash" } },
          signal,
        }),
      );
    },
  };
}
