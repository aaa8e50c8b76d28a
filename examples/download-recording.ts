// Downloads a recording file to disk through `<file>.part` (resumed if it exists), following
// Zoom's redirect without sending the token to other hosts. Node only: `/node` entry.
// ZOOM_TOKEN=… npx tsx examples/download-recording.ts <download_url> <file>
import { downloadRecordingFile } from "@clipkit/zoom-cloud-recording/node";

const [url, destination = "recording.mp4"] = process.argv.slice(2);
if (!url) throw new Error("usage: download-recording.ts <download_url> [file]");
const result = await downloadRecordingFile(url, {
  auth: process.env.ZOOM_TOKEN ?? "",
  destination,
  // Zoom's hosts get the token anyway; a proxy or a local test server must be named.
  trustedOrigins: process.env.ZOOM_TRUSTED_ORIGIN ? [process.env.ZOOM_TRUSTED_ORIGIN] : [],
});
console.log(`saved ${destination}: ${JSON.stringify(result)}`);
