import type { FakeClock } from "../clock.js";
import { type Cursor, createPageTokens } from "../page-tokens.js";
import { formatIsoDate, lastDayOfMonthWindow, parseIsoDate } from "../zoom/calendar-window.js";
import { ZoomFakeError } from "../zoom/zoom-error.js";
import type { FakeMeeting, FakeRecordingFile, FakeUser } from "./data.js";
import { type Origins, renderMeeting } from "./render.js";

const DAY_MS = 86_400_000;

const invalid = (message: string) => new ZoomFakeError(400, 300, message);

interface MeetingCursor extends Cursor<string> {
  userId: string;
  from: string;
  to: string;
  inTrash: boolean;
  fileTrash: boolean;
}

export interface ListingOptions {
  users: FakeUser[];
  meetings: FakeMeeting[];
  clock: FakeClock;
  pageTokenTtlMs: number;
  origins: Origins;
}

function integerParam(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
  fallback: number,
) {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(`Invalid field: ${name} must be an integer from ${min} to ${max}.`);
  }
  return Number(raw);
}

function booleanParam(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === "false") return false;
  if (raw === "true") return true;
  throw invalid(`Invalid field: ${name} must be true or false.`);
}

function dateParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const time = parseIsoDate(raw);
  if (time === undefined) throw invalid(`Invalid field: ${name} must be a date as yyyy-mm-dd.`);
  return time;
}

/**
 * `GET /users/{userId}/recordings` over the fake's data, with Zoom's rules: a range of at most
 * one calendar month, page tokens that expire, trash listings that ignore the range.
 */
export function createListing(options: ListingOptions) {
  const pageTokens = createPageTokens<MeetingCursor>(options.clock, options.pageTokenTtlMs);
  // The account's meetings never change (a deletion is a flag): indexed once, not scanned per page.
  const byUuid = new Map(options.meetings.map((m) => [m.uuid, m]));

  const findUser = (userId: string) =>
    userId === "me"
      ? options.users[0]
      : options.users.find(
          (u) => u.id === userId || u.email.toLowerCase() === userId.toLowerCase(),
        );

  function visibleFiles(
    meeting: FakeMeeting,
    inTrash: boolean,
    fileTrash: boolean,
  ): FakeRecordingFile[] {
    if (meeting.deleted) return [];
    if (fileTrash)
      return meeting.trashedAt === undefined
        ? meeting.files.filter((f) => f.trashedAt !== undefined)
        : [];
    if (inTrash) return meeting.trashedAt !== undefined ? meeting.files : [];
    return meeting.trashedAt === undefined
      ? meeting.files.filter((f) => f.trashedAt === undefined)
      : [];
  }

  return function list(userId: string, query: URLSearchParams): Record<string, unknown> {
    const user = findUser(userId);
    if (!user)
      throw new ZoomFakeError(
        404,
        1001,
        `User ${userId} does not exist or does not belong to this account.`,
      );
    const pageSize = integerParam(query, "page_size", 1, 300, 30);
    const inTrash = booleanParam(query, "trash");
    booleanParam(query, "mc");
    const trashType = query.get("trash_type") ?? "meeting_recordings";
    if (trashType !== "meeting_recordings" && trashType !== "recording_file") {
      throw invalid("Invalid field: trash_type.");
    }
    const meetingIdRaw = query.get("meeting_id");
    if (meetingIdRaw !== null && !/^\d+$/.test(meetingIdRaw))
      throw invalid("Invalid field: meeting_id.");
    const today = Math.floor(options.clock.now() / DAY_MS) * DAY_MS;
    const from = dateParam(query, "from", today);
    const to = dateParam(query, "to", query.has("from") ? today : today + DAY_MS);
    if (!inTrash) {
      if (to < from) throw invalid("The from date must be before the to date.");
      if (to > lastDayOfMonthWindow(from))
        throw invalid("The date range can be at most one month.");
    }
    const fileTrash = inTrash && trashType === "recording_file";

    let cursor: MeetingCursor;
    const token = query.get("next_page_token");
    if (token) {
      const found = pageTokens.resume(token);
      if (!found || found.userId !== user.id) {
        throw invalid("The next page token is invalid or expired.");
      }
      cursor = found;
    } else {
      const matched = options.meetings
        .filter((m) => m.hostId === user.id)
        .filter((m) => meetingIdRaw === null || m.id === Number(meetingIdRaw))
        .filter((m) => {
          if (inTrash) return true;
          const day = parseIsoDate(m.startTime.slice(0, 10)) ?? 0;
          return day >= from && day <= to;
        })
        .filter((m) => visibleFiles(m, inTrash, fileTrash).length > 0)
        .sort((a, b) => b.startTime.localeCompare(a.startTime));
      cursor = {
        userId: user.id,
        from: formatIsoDate(from),
        to: formatIsoDate(to),
        pageSize,
        ids: matched.map((m) => m.uuid),
        offset: 0,
        inTrash,
        fileTrash,
      };
    }
    const page = pageTokens.page(cursor);
    const meetings = page.ids
      .map((uuid) => byUuid.get(uuid))
      .filter((m): m is FakeMeeting => m !== undefined)
      .map((m) => ({ meeting: m, files: visibleFiles(m, cursor.inTrash, cursor.fileTrash) }))
      .filter(({ files }) => files.length > 0)
      .map(({ meeting, files }) => renderMeeting(meeting, files, options.origins, cursor.inTrash));
    return {
      from: cursor.from,
      to: cursor.to,
      page_count: Math.ceil(cursor.ids.length / cursor.pageSize),
      page_size: cursor.pageSize,
      total_records: cursor.ids.length,
      next_page_token: page.next,
      meetings,
    };
  };
}
