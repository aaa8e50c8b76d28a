import type { ZoomAppCredentials } from "@clipkit/testing";
import {
  createZoomCloudRecordingClient,
  listAllRecordings,
  serverToServerOAuth,
} from "@clipkit/zoom-cloud-recording";
import type { DemoFlow } from "./flows.ts";

export const recordingFlow: DemoFlow<"zoom-cloud-recording"> = {
  title: "Zoom Cloud Recording: every recording of a user over a quarter",
  spec: "zoom-cloud-recording",
  fake: { meetingsPerUser: 6, filesPerMeeting: 3, from: "2024-07-01", to: "2024-09-30" },
  async run(mock, print) {
    // Server-to-Server OAuth against the mock's token endpoint, as against zoom.us.
    const zoom = createZoomCloudRecordingClient({
      ...mock.clientOptions(),
      auth: serverToServerOAuth({
        ...(mock.credentials as ZoomAppCredentials),
        tokenUrl: mock.tokenUrl ?? "",
      }),
    });
    let windows = 0;
    zoom.use({
      onRequest({ request }) {
        windows++;
        const url = new URL(request.url);
        print(
          `GET ${url.pathname.replace(/^\/v2/, "")} from=${url.searchParams.get("from")} to=${url.searchParams.get("to")}`,
        );
        return undefined;
      },
    });
    let count = 0;
    for await (const meeting of listAllRecordings(zoom, {
      userId: "me",
      from: "2024-07-01",
      to: "2024-09-30",
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
