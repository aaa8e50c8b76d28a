import { isoSeconds } from "../zoom/calendar-window.js";
import type { FakeMeeting, FakeRecordingFile } from "./data.js";

/** Where a fake's URLs point: the API origin serves downloads, as zoom.us does. */
export interface Origins {
  api: string;
}

const fileKey = (file: FakeRecordingFile) => file.id.replaceAll("-", "");

export function downloadPath(file: FakeRecordingFile): string {
  return `/rec/download/${fileKey(file)}`;
}

/**
 * A recording file as Zoom lists it (`RecordingFile` of the spec). A TIMELINE file comes as in
 * Zoom's own example listing: its times, type and download URL, without ID, size or status.
 */
export function renderFile(
  file: FakeRecordingFile,
  origins: Origins,
  deletedAt: number | undefined,
): Record<string, unknown> {
  if (file.fileType === "TIMELINE") {
    return {
      meeting_id: file.meetingUuid,
      recording_start: file.recordingStart,
      recording_end: file.recordingEnd,
      file_type: file.fileType,
      download_url: `${origins.api}${downloadPath(file)}`,
    };
  }
  return {
    id: file.id,
    meeting_id: file.meetingUuid,
    recording_start: file.recordingStart,
    recording_end: file.recordingEnd,
    file_type: file.fileType,
    file_extension: file.fileExtension,
    file_size: file.size,
    play_url: `${origins.api}/rec/play/${fileKey(file)}`,
    download_url: `${origins.api}${downloadPath(file)}`,
    status: "completed",
    recording_type: file.recordingType,
    ...(deletedAt !== undefined ? { deleted_time: isoSeconds(deletedAt) } : {}),
  };
}

/** A meeting as Zoom lists it (`RecordingMeeting` of the spec), with the given files. */
export function renderMeeting(
  meeting: FakeMeeting,
  files: FakeRecordingFile[],
  origins: Origins,
  inTrash = false,
): Record<string, unknown> {
  return {
    uuid: meeting.uuid,
    id: meeting.id,
    account_id: meeting.accountId,
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: meeting.startTime,
    timezone: meeting.timezone,
    duration: meeting.duration,
    total_size: files.reduce((sum, file) => sum + file.size, 0),
    recording_count: files.length,
    share_url: `${origins.api}/rec/share/${encodeURIComponent(meeting.passcode.slice(0, 16))}`,
    recording_play_passcode: meeting.passcode,
    recording_files: files.map((file) =>
      renderFile(file, origins, inTrash ? (file.trashedAt ?? meeting.trashedAt) : undefined),
    ),
  };
}
