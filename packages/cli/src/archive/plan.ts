import {
  listAllRecordings,
  type RecordingFile,
  type RecordingMeeting,
  type ZoomCloudRecordingClient,
} from "@clipkit/zoom-cloud-recording";
import type { ArchiveUser } from "./account-users.js";
import { archivePath } from "./layout.js";
import type { ArchiveGroup, ArchiveItem } from "./source.js";

export type PlannedMeeting = Omit<RecordingMeeting, "recording_files"> & { uuid: string };

/** One recording file to archive. */
export interface PlannedFile extends ArchiveItem {
  meeting: PlannedMeeting;
  file: RecordingFile & { id: string; download_url: string };
}

/** A meeting instance and its files: the unit `--trash-after` moves to the trash. */
export type MeetingGroup = ArchiveGroup<PlannedFile>;

/** A recording file of `user`, placed in the archive (`archive` and `watch` alike). */
export function plannedFile(
  user: string,
  meeting: PlannedMeeting,
  file: PlannedFile["file"],
): PlannedFile {
  return {
    id: file.id,
    user,
    path: archivePath(user, meeting, file),
    size: file.file_size,
    describes: {
      meetingUuid: meeting.uuid,
      meetingId: meeting.id,
      topic: meeting.topic ?? "",
      startTime: meeting.start_time,
      fileType: file.file_type,
      recordingType: file.recording_type,
    },
    meeting,
    file,
  };
}

/**
 * A file's ID: Zoom's, or for a file listed without one (its documented TIMELINE entry has only
 * a `download_url`) the last segment of the download URL's path, which is the same on every
 * listing, so a re-run and verify find the file again. Never taken from the query, which may
 * hold a token. Undefined for a file without a download URL: nothing to archive.
 */
export function recordingFileId(file: RecordingFile): string | undefined {
  if (typeof file.download_url !== "string") return undefined;
  if (typeof file.id === "string" && file.id !== "") return file.id;
  let path: string;
  try {
    path = new URL(file.download_url).pathname;
  } catch {
    return undefined;
  }
  return path.split("/").filter(Boolean).pop();
}

/**
 * Lists every recording of each user over the range, one user's pages right after another
 * (page tokens expire after 15 minutes: none is held while `onUser` runs), and gives each
 * file its place in the archive. What a user has is handed to `onUser` and not kept here.
 */
export async function listRecordings(
  client: ZoomCloudRecordingClient,
  options: {
    users: ArchiveUser[];
    from: string;
    to: string;
    signal?: AbortSignal;
    /** Called (and waited for) as each user's listing ends, with what it found. */
    onUser: (user: ArchiveUser, found: MeetingGroup[]) => void | Promise<void>;
  },
): Promise<void> {
  const seen = new Set<string>();
  for (const archiveUser of options.users) {
    const user = archiveUser.name;
    const groups: MeetingGroup[] = [];
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
      const group: MeetingGroup = {
        id: meeting.uuid,
        title: meeting.topic ?? "",
        files: [],
        notDownloadable: 0,
      };
      for (const file of files) {
        const id = recordingFileId(file);
        if (id === undefined) {
          group.notDownloadable++;
          continue;
        }
        group.files.push(
          plannedFile(user, planned, {
            id,
            download_url: file.download_url as string,
            file_type: file.file_type,
            file_extension: file.file_extension,
            recording_type: file.recording_type,
            file_size: file.file_size,
          }),
        );
      }
      groups.push(group);
    }
    await options.onUser(archiveUser, groups);
  }
}
