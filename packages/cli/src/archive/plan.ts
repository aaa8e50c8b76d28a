import {
  listAllRecordings,
  type RecordingFile,
  type RecordingMeeting,
  type ZoomCloudRecordingClient,
} from "@clipkit/zoom-cloud-recording";
import type { ArchiveUser } from "./account-users.js";
import { archivePath } from "./layout.js";

export type PlannedMeeting = Omit<RecordingMeeting, "recording_files"> & { uuid: string };

/** One file to archive. */
export interface PlannedFile {
  user: string;
  meeting: PlannedMeeting;
  file: RecordingFile & { id: string; download_url: string };
  /** Relative to `--out`, with `/`. */
  path: string;
  /** The listing's `file_size`, when it gave one. */
  size: number | undefined;
}

/** A meeting instance and its files: the unit `--trash-after` moves to the trash. */
export interface MeetingGroup {
  user: string;
  meeting: PlannedMeeting;
  files: PlannedFile[];
  /** Files the listing gives without a download URL: the meeting is never trashed then. */
  notDownloadable: number;
}

export interface ArchivePlan {
  meetings: MeetingGroup[];
  files: PlannedFile[];
}

/**
 * Lists every recording of each user over the range, one user's pages right after another
 * (page tokens expire after 15 minutes: none is held while `onUser` runs), and gives each
 * file its place in the archive.
 */
export async function planArchive(
  client: ZoomCloudRecordingClient,
  options: {
    users: ArchiveUser[];
    from: string;
    to: string;
    signal?: AbortSignal;
    /** Called (and waited for) as each user's listing ends, with what it found. */
    onUser?: (user: ArchiveUser, found: MeetingGroup[]) => void | Promise<void>;
  },
): Promise<ArchivePlan> {
  const meetings: MeetingGroup[] = [];
  const seen = new Set<string>();
  for (const archiveUser of options.users) {
    const user = archiveUser.name;
    const before = meetings.length;
    for await (const { recording_files: files = [], ...meeting } of listAllRecordings(client, {
      userId: archiveUser.id,
      from: options.from,
      to: options.to,
      signal: options.signal,
    })) {
      if (!meeting.uuid || seen.has(meeting.uuid)) continue;
      seen.add(meeting.uuid);
      // Only what the archive uses is kept: an account's listing (30,000 files, each with its
      // URLs and times) stays in memory until its files are done.
      const planned: PlannedMeeting = {
        uuid: meeting.uuid,
        id: meeting.id,
        topic: meeting.topic,
        start_time: meeting.start_time,
      };
      const group: MeetingGroup = { user, meeting: planned, files: [], notDownloadable: 0 };
      for (const file of files) {
        if (typeof file.download_url !== "string" || typeof file.id !== "string") {
          group.notDownloadable++;
          continue;
        }
        group.files.push({
          user,
          meeting: planned,
          file: {
            id: file.id,
            download_url: file.download_url,
            file_type: file.file_type,
            file_extension: file.file_extension,
            recording_type: file.recording_type,
            file_size: file.file_size,
          },
          path: archivePath(user, meeting, file),
          size: file.file_size,
        });
      }
      meetings.push(group);
    }
    await options.onUser?.(archiveUser, meetings.slice(before));
  }
  return { meetings, files: meetings.flatMap((m) => m.files) };
}
