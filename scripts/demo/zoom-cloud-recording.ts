import { createZoomCloudRecordingClient, listAllRecordings } from "@clipkit/zoom-cloud-recording";
import type { DemoFlow } from "./flows.ts";

export const recordingFlow: DemoFlow = {
  title: "Zoom Cloud Recording: every recording of a user over a quarter",
  spec: "zoom-cloud-recording",
  async run(baseUrl, print) {
    const zoom = createZoomCloudRecordingClient({ auth: "demo-token", baseUrl });
    let windows = 0;
    zoom.use({
      onRequest({ request }) {
        windows++;
        const url = new URL(request.url);
        print(
          `GET ${url.pathname} from=${url.searchParams.get("from")} to=${url.searchParams.get("to")}`,
        );
        return undefined;
      },
    });
    let count = 0;
    for await (const meeting of listAllRecordings(zoom, {
      userId: "me",
      from: "2019-07-01",
      to: "2019-09-30",
    })) {
      count++;
      const files = (meeting.recording_files ?? []).map(
        (file) => `${file.file_type}:${file.recording_type ?? "-"}`,
      );
      print(
        `meeting ${meeting.id} "${meeting.topic}" at ${meeting.start_time}: ${files.join(", ")}`,
      );
    }
    print(`${count} meetings from ${windows} requests (one per calendar month at most)`);
  },
};
