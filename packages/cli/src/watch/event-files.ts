import type { RecordingFile } from "@clipkit/zoom-cloud-recording";
import {
  type PlannedFile,
  type PlannedMeeting,
  plannedFile,
  recordingFileId,
} from "../archive/plan.js";

/** What `watch` reads of a recording.completed body (the rest may change as Zoom adds fields). */
export interface RecordingCompletedBody {
  download_token?: string;
  payload?: {
    object?: PlannedMeeting & {
      host_email?: string;
      host_id?: string;
      recording_files?: Array<RecordingFile & { status?: string }>;
    };
  };
}

export interface EventFiles {
  meeting: PlannedMeeting;
  files: PlannedFile[];
  /** Files Zoom is still processing: reported, never saved half. */
  notReady: Array<{ id: string; status: string }>;
}

/**
 * The files of a recording.completed event, placed as `archive` places them: the host's email
 * (else ID) as the user folder, then the meeting's folder.
 */
export function eventFiles(body: RecordingCompletedBody): EventFiles {
  const object = body.payload?.object;
  if (!object || typeof object.uuid !== "string") {
    throw new TypeError("the event has no payload.object.uuid");
  }
  const { recording_files: files = [], host_email, ...rest } = object;
  const meeting: PlannedMeeting = { ...rest, uuid: object.uuid };
  const user = host_email || object.host_id || "unknown-host";
  const planned: PlannedFile[] = [];
  const notReady: EventFiles["notReady"] = [];
  for (const file of files) {
    const id = recordingFileId(file);
    if (id === undefined) continue;
    if (file.status !== undefined && file.status !== "completed") {
      notReady.push({ id, status: file.status });
      continue;
    }
    planned.push(plannedFile(user, meeting, { ...file, id } as PlannedFile["file"]));
  }
  return { meeting, files: planned, notReady };
}
