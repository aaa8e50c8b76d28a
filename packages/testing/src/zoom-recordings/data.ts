import { type FakeUser, fakeAccount } from "../fake-account.js";
import { type FileSizes, wholeSizes } from "../file-sizes.js";
import { randomId } from "../random.js";
import { isoSeconds, parseIsoDate } from "../zoom/calendar-window.js";

export type { FakeUser, FakeUserStatus } from "../fake-account.js";

export interface FakeRecordingFile {
  id: string;
  meetingUuid: string;
  fileType: string;
  fileExtension: string;
  recordingType: string;
  contentType: string;
  size: number;
  /** Where the file's bytes start in the shared pattern (see file-content.ts). */
  contentOffset: number;
  recordingStart: string;
  recordingEnd: string;
  /** Fake-clock ms when the file was moved to the trash on its own. */
  trashedAt?: number;
}

export interface FakeMeeting {
  uuid: string;
  id: number;
  hostId: string;
  accountId: string;
  topic: string;
  type: number;
  startTime: string;
  timezone: string;
  duration: number;
  passcode: string;
  files: FakeRecordingFile[];
  /** Fake-clock ms when the meeting's recordings were moved to the trash. */
  trashedAt?: number;
  /** Deleted for good (`action=delete`): gone from every listing. */
  deleted?: boolean;
}

export interface RecordingDataOptions {
  /** A count, or the users themselves. Default 1 user; `me` is the first. */
  users?: number | Array<Partial<FakeUser>>;
  /** Default 12, spread evenly over `from`..`to`. */
  meetingsPerUser?: number;
  /** Default 3 (MP4, M4A, transcript, then chat, timeline, captions, more videos). */
  filesPerMeeting?: number;
  /** A size in bytes, or a range sizes are drawn from. Default 16–64 KiB. */
  fileSize?: FileSizes;
  /** Date range of the meetings' start times. Default 2024-01-01..2024-12-31. */
  from?: string;
  to?: string;
  /** Topics to cycle through. The default ones hold characters unsafe in file names. */
  topics?: string[];
  /**
   * Give some meetings UUIDs that begin with `/` or contain `//`, which Zoom requires to be
   * double URL-encoded in paths. Default true.
   */
  awkwardUuids?: boolean;
  /** Seed of the generated data. Default 1. */
  seed?: number;
}

const DEFAULT_TOPICS = [
  "Weekly sync",
  "Q3 review: plans/budget?",
  "Kundengespräch — Müller & Co.",
  "CON",
  "Design * critique <draft>",
  "All hands 🎬",
  "Trailing dot.",
  'Standup "daily" | team\\ops',
];

const FILE_KINDS = [
  ["MP4", "MP4", "shared_screen_with_speaker_view", "video/mp4"],
  ["M4A", "M4A", "audio_only", "audio/mp4"],
  ["TRANSCRIPT", "VTT", "audio_transcript", "text/vtt"],
  ["CHAT", "TXT", "chat_file", "text/plain"],
  ["TIMELINE", "JSON", "timeline", "application/json"],
  ["CC", "VTT", "closed_caption", "text/vtt"],
  ["MP4", "MP4", "gallery_view", "video/mp4"],
  ["MP4", "MP4", "active_speaker", "video/mp4"],
] as const;

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DAY_MS = 86_400_000;

function date(field: string, value: string): number {
  const time = parseIsoDate(value);
  if (time === undefined) throw new RangeError(`${field}: expected YYYY-MM-DD, got ${value}`);
  return time;
}

function meetingUuid(random: () => number, index: number, awkward: boolean): string {
  const body = randomId(random, 22, BASE64);
  if (awkward && index % 5 === 1) return `/${body.slice(1)}==`;
  if (awkward && index % 5 === 3) return `${body.slice(0, 8)}//${body.slice(10)}==`;
  // Keep the others free of `/` so only the chosen ones test double encoding.
  return `${body.replaceAll("/", "A")}==`;
}

/** The users, meetings and files of a fake account: the same for the same options. */
export function generateRecordings(options: RecordingDataOptions = {}): {
  accountId: string;
  users: FakeUser[];
  meetings: FakeMeeting[];
} {
  const { random, accountId, users } = fakeAccount(options.seed ?? 1, options.users ?? 1);
  const from = date("from", options.from ?? "2024-01-01");
  const to = date("to", options.to ?? "2024-12-31");
  if (to < from) throw new RangeError("to is before from");
  const perUser = options.meetingsPerUser ?? 12;
  const filesPerMeeting = options.filesPerMeeting ?? 3;
  const size = wholeSizes("fileSize", options.fileSize ?? { min: 16 * 1024, max: 64 * 1024 });
  const topics = options.topics ?? DEFAULT_TOPICS;
  const awkward = options.awkwardUuids ?? true;
  const span = (to - from) / DAY_MS + 1;
  const meetings: FakeMeeting[] = [];
  let meetingIndex = 0;
  for (const user of users) {
    for (let m = 0; m < perUser; m++) {
      const day = from + Math.floor((m * span) / perUser) * DAY_MS;
      const start =
        day + (8 + Math.floor(random() * 10)) * 3_600_000 + Math.floor(random() * 4) * 900_000;
      const duration = 5 + Math.floor(random() * 55);
      const uuid = meetingUuid(random, meetingIndex, awkward);
      const files: FakeRecordingFile[] = [];
      for (let f = 0; f < filesPerMeeting; f++) {
        const [fileType, fileExtension, recordingType, contentType] =
          FILE_KINDS[f % FILE_KINDS.length] ?? FILE_KINDS[0];
        const bytes =
          typeof size === "number"
            ? size
            : size.min + Math.floor(random() * (size.max - size.min + 1));
        files.push({
          id: `${randomId(random, 8).toLowerCase()}-${randomId(random, 4).toLowerCase()}-${randomId(random, 12).toLowerCase()}`,
          meetingUuid: uuid,
          fileType,
          fileExtension,
          recordingType,
          contentType,
          size: bytes,
          contentOffset: Math.floor(random() * (1 << 20)),
          recordingStart: isoSeconds(start + 5_000),
          recordingEnd: isoSeconds(start + duration * 60_000),
        });
      }
      meetings.push({
        uuid,
        id: 81_000_000_000 + meetingIndex * 7_919 + Math.floor(random() * 7_000),
        hostId: user.id,
        accountId,
        topic: topics[meetingIndex % topics.length] ?? "Meeting",
        type: meetingIndex % 4 === 3 ? 8 : 2,
        startTime: isoSeconds(start),
        timezone: "America/New_York",
        duration,
        passcode: randomId(random, 32),
        files,
      });
      meetingIndex++;
    }
  }
  return { accountId, users, meetings };
}
