import { ClipKitValidationError, unwrap } from "@clipkit/core";
import type { ZoomCloudRecordingClient } from "./client.js";
import type { components } from "./generated/schema.js";
import { type ListAllRecordingsOptions, listAllRecordings } from "./list-all-recordings.js";
import type { RecordingMeeting } from "./normalize-recording-meeting.js";

export type RecordingFile = components["schemas"]["RecordingFile"];

/** The spec's bound on `ttl` of GET /meetings/{meetingId}/recordings (seven days). */
const MAX_TTL_SECONDS = 604_800;

/** One downloadable file of an archive job, with the meeting it belongs to. */
export interface ArchivedRecordingFile {
  /** The recorded meeting (numeric `type`), without its `recording_files`. */
  meeting: Omit<RecordingMeeting, "recording_files">;
  /** The file; its `download_url` is always set. */
  file: RecordingFile & { download_url: string };
  /**
   * The meeting's `download_access_token`, when asked for with `downloadAccessTokens`: a
   * credential for `downloadRecordingFile` instead of the OAuth token.
   */
  downloadAccessToken?: string;
}

export interface ListAllRecordingFilesOptions extends ListAllRecordingsOptions {
  /**
   * Also fetch each meeting's `download_access_token` (one GET /meetings/{uuid}/recordings
   * per meeting, by its instance UUID). Default false.
   */
  downloadAccessTokens?: boolean;
  /** The tokens' time to live in seconds (0–604800); only with `downloadAccessTokens`. */
  ttl?: number;
}

/**
 * Every recording file of a user between `from` and `to` (any length: one request window per
 * calendar month at most), each with its meeting, ready for `downloadRecordingFile`. Files
 * without a `download_url` (on-premise meeting-connector files carry only `file_path`) are
 * skipped.
 */
export async function* listAllRecordingFiles(
  client: ZoomCloudRecordingClient,
  options: ListAllRecordingFilesOptions,
): AsyncGenerator<ArchivedRecordingFile> {
  const { downloadAccessTokens, ttl, ...listOptions } = options;
  if (ttl !== undefined) {
    if (!downloadAccessTokens) {
      throw new ClipKitValidationError("ttl", "ttl applies only with downloadAccessTokens: true");
    }
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL_SECONDS) {
      throw new ClipKitValidationError(
        "ttl",
        `expected whole seconds from 0 to ${MAX_TTL_SECONDS}, got ${ttl}`,
      );
    }
  }
  for await (const { recording_files: files, ...meeting } of listAllRecordings(
    client,
    listOptions,
  )) {
    const downloadable = (files ?? []).filter(
      (file): file is ArchivedRecordingFile["file"] => typeof file.download_url === "string",
    );
    if (downloadable.length === 0) continue;
    const token =
      downloadAccessTokens && meeting.uuid
        ? await downloadAccessToken(client, meeting.uuid, ttl, options.signal)
        : undefined;
    for (const file of downloadable) {
      yield { meeting, file, ...(token ? { downloadAccessToken: token } : {}) };
    }
  }
}

async function downloadAccessToken(
  client: ZoomCloudRecordingClient,
  uuid: string,
  ttl: number | undefined,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const recordings = await unwrap(
    client.GET("/meetings/{meetingId}/recordings", {
      params: {
        // The instance UUID as Zoom gave it: the client double-encodes it where Zoom requires.
        path: { meetingId: uuid },
        // An undefined ttl is left out of the query string (Zoom's default applies).
        query: { include_fields: "download_access_token", ttl },
      },
      ...(signal ? { signal } : {}),
    }),
  );
  return recordings.download_access_token;
}
