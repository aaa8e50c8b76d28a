import { type RequestRules, requestRules, type SchemaProblem } from "@clipkit/core/internal";

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

/**
 * The problem of a `from`..`to` that ends before it starts, or is longer than the month Zoom
 * accepts in one request.
 */
function recordingRangeProblem(from: string, to: string): SchemaProblem | undefined {
  const limit = oneMonthAfter(from);
  // ISO dates compare as strings; malformed ones are the spec validation's to report.
  if (limit === undefined || !ISO_DATE.test(to)) return undefined;
  // As listAllRecordings says it: a reversed range is a mistake in `from`.
  if (to < from) return { field: "from", message: `${from} is after to (${to})` };
  if (to <= limit) return undefined;
  return {
    field: "to",
    message: `${from}..${to} is longer than the one month Zoom accepts per request (at most ${limit}); use listAllRecordings, which splits the range`,
  };
}

/**
 * The rules of the API that its spec cannot express, checked after the generated schema: a
 * range that ends before it starts is refused, and Zoom answers a recordings list whose
 * `from`..`to` spans more than a month with 400 (code 300), so such a request is refused before
 * anything is sent, pointing at `listAllRecordings`, which splits the range.
 */
export const RECORDING_RULES: RequestRules = {
  extra: {
    "GET /users/{userId}/recordings": ({ query = {} }) => {
      const { from, to } = query;
      if (typeof from !== "string" || typeof to !== "string") return undefined;
      return recordingRangeProblem(from, to);
    },
  },
};

/** `RECORDING_RULES` as the client's validation applies them. */
export const RECORDING_REQUEST_RULES = requestRules(RECORDING_RULES);
