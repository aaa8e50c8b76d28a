// Lists every cloud recording of a user over a quarter: Zoom allows one month per request,
// listAllRecordings splits the range into windows and follows every page.
// ZOOM_TOKEN=… npx tsx examples/list-recordings.ts [userId]
import { createZoomCloudRecordingClient, listAllRecordings } from "@clipkit/zoom-cloud-recording";

const zoom = createZoomCloudRecordingClient({
  auth: process.env.ZOOM_TOKEN ?? "",
  ...(process.env.ZOOM_API_BASE_URL ? { baseUrl: process.env.ZOOM_API_BASE_URL } : {}),
});
const userId = process.argv[2] ?? "me";
let count = 0;
for await (const meeting of listAllRecordings(zoom, {
  userId,
  from: "2026-01-01",
  to: "2026-03-31",
})) {
  count += 1;
  console.log(`${meeting.start_time ?? "?"}  ${meeting.topic ?? "(no topic)"}`);
}
console.log(`${count} recordings`);
