// The Zoom clients of the overhead bench, with default options and a fixed token.
import { createZoomClipsClient } from "@clipkit/zoom-clips";
import { createZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";

export function createZoomClips(baseUrl: string) {
  return {
    clips: createZoomClipsClient({ auth: "bench-token", baseUrl, fileBaseUrl: baseUrl }),
    recordings: createZoomCloudRecordingClient({ auth: "bench-token", baseUrl }),
  };
}
