import { ClipKitValidationError } from "@clipkit/core";
import type { Middleware } from "openapi-fetch";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The same day of the next month, clamped at that month's end (Jan 31 → Feb 28/29): the
 * longest `to` Zoom takes for a `from`. Its own example sends 2019-08-15..2019-09-15.
 */
export function oneMonthAfter(from: string): string | undefined {
  const match = ISO_DATE.exec(from);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** Throws when `from`..`to` is longer than the month Zoom accepts in one request. */
export function checkRecordingRange(from: string, to: string): void {
  const limit = oneMonthAfter(from);
  // ISO dates compare as strings; malformed ones are the spec validation's to report.
  if (limit !== undefined && ISO_DATE.test(to) && to > limit) {
    throw new ClipKitValidationError(
      "to",
      `${from}..${to} is longer than the one month Zoom accepts per request (at most ${limit}); use listAllRecordings, which splits the range`,
    );
  }
}

/**
 * A rule of the API that its spec cannot express, checked before anything is sent: Zoom
 * answers a recordings list whose `from`..`to` spans more than a month with 400 (code 300), so
 * such a request is refused here, pointing at `listAllRecordings`, which splits the range.
 */
export function recordingRequestRules(): Middleware {
  return {
    onRequest({ schemaPath, params }) {
      if (!schemaPath.endsWith("/recordings")) return undefined;
      const { from, to } = (params.query ?? {}) as { from?: unknown; to?: unknown };
      if (typeof from !== "string" || typeof to !== "string") return undefined;
      checkRecordingRange(from, to);
      return undefined;
    },
  };
}
