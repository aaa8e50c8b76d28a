import { ApiError } from "@clipkit/core";
import type { ZoomCloudRecordingClient } from "./client.js";
import { dateWindows } from "./date-windows.js";
import type { operations } from "./generated/schema.js";
import { normalizeRecordingMeeting, type RecordingMeeting } from "./normalize-recording-meeting.js";

export type { RecordingMeeting };

type ListQuery = NonNullable<operations["listRecordings"]["parameters"]["query"]>;

export interface ListAllRecordingsOptions
  extends Omit<ListQuery, "from" | "to" | "next_page_token" | "trash" | "trash_type"> {
  userId: string;
  /** First day, `YYYY-MM-DD` (UTC), inclusive. */
  from: string;
  /** Last day, `YYYY-MM-DD` (UTC), inclusive. */
  to: string;
  /** At most this many days per request window; windows never exceed one calendar month. */
  windowDays?: number;
  signal?: AbortSignal;
}

/**
 * @deprecated Errors are now `@clipkit/core`'s typed `ApiError` (Zoom's code in `code`, its
 * message in `apiMessage`); this name stays so `instanceof ZoomRecordingsError` keeps working.
 */
export const ZoomRecordingsError = ApiError;
/** @deprecated Use `ApiError` from `@clipkit/core`. */
export type ZoomRecordingsError = ApiError;

/**
 * Yields every recorded meeting of a user between `from` and `to`, however long the range:
 * `client.paginate` over each listing window of at most a month. An error answer throws the
 * typed `ApiError` (e.g. `NotFoundError`) with Zoom's code and message.
 */
export async function* listAllRecordings(
  client: ZoomCloudRecordingClient,
  options: ListAllRecordingsOptions,
): AsyncGenerator<RecordingMeeting> {
  const { userId, from, to, windowDays, signal, ...query } = options;
  for (const window of dateWindows(from, to, windowDays)) {
    const meetings = client.paginate("/users/{userId}/recordings", {
      path: { userId },
      query: { ...query, ...window },
      ...(signal ? { signal } : {}),
    });
    for await (const meeting of meetings) yield normalizeRecordingMeeting(meeting);
  }
}
