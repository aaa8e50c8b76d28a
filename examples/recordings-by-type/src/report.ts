import { listAllRecordings, type ZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";

export interface Report {
  meetings: number;
  /** Bytes of cloud storage per file type (MP4, M4A, TRANSCRIPT…). */
  bytesByType: Record<string, number>;
}

/** The user's own code: how much cloud storage each kind of recording file takes. */
export async function storageReport(
  zoom: ZoomCloudRecordingClient,
  userId: string,
  from: string,
  to: string,
): Promise<Report> {
  const report: Report = { meetings: 0, bytesByType: {} };
  for await (const meeting of listAllRecordings(zoom, { userId, from, to, page_size: 300 })) {
    report.meetings++;
    for (const file of meeting.recording_files ?? []) {
      const type = file.file_type ?? "UNKNOWN";
      report.bytesByType[type] = (report.bytesByType[type] ?? 0) + (file.file_size ?? 0);
    }
  }
  return report;
}
