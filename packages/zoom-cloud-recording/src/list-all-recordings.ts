import type { ZoomCloudRecordingClient } from "./client.js";
import { dateWindows } from "./date-windows.js";
import type { components, operations } from "./generated/schema.js";

export type RecordingMeeting = components["schemas"]["RecordingMeeting"];
type ListQuery = NonNullable<operations["listRecordings"]["parameters"]["query"]>;

export interface ListAllRecordingsOptions
  extends Omit<ListQuery, "from" | "to" | "next_page_token" | "trash" | "trash_type"> {
  userId: string;
  /** First day, `YYYY-MM-DD` (UTC), inclusive. */
  from: string;
  /** Last day, `YYYY-MM-DD` (UTC), inclusive. */
  to: string;
  /** Days per request window; Zoom allows at most a month. Default 30. */
  windowDays?: number;
  signal?: AbortSignal;
}

/** An error answer from the API while listing, with Zoom's `code` and `message`. */
export class ZoomRecordingsError extends Error {
  override name = "ZoomRecordingsError";
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly zoomMessage: string | undefined,
  ) {
    super(`Zoom answered ${status}${code === undefined ? "" : ` (code ${code})`}: ${zoomMessage ?? "no message"}`);
  }
}

/**
 * Yields every recorded meeting of a user between `from` and `to`, however long the range:
 * one request window per at most `windowDays`, following `next_page_token` in each.
 */
export async function* listAllRecordings(
  client: ZoomCloudRecordingClient,
  options: ListAllRecordingsOptions,
): AsyncGenerator<RecordingMeeting> {
  const { userId, from, to, windowDays, signal, ...query } = options;
  for (const window of dateWindows(from, to, windowDays)) {
    let token: string | undefined;
    do {
      const { data, error, response } = await client.GET("/users/{userId}/recordings", {
        params: {
          path: { userId },
          query: { ...query, ...window, ...(token ? { next_page_token: token } : {}) },
        },
        ...(signal ? { signal } : {}),
      });
      if (error !== undefined || !data) {
        const body = (error ?? {}) as { code?: number; message?: string };
        throw new ZoomRecordingsError(response.status, body.code, body.message);
      }
      yield* data.meetings ?? [];
      token = data.next_page_token || undefined;
    } while (token);
  }
}
