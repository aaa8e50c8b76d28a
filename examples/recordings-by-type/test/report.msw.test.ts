// Fast unit tests without a server: msw handlers typed from the client's generated paths.
import { createMswHandlers } from "@clipkit/testing/msw";
import { createZoomCloudRecordingClient, type paths } from "@clipkit/zoom-cloud-recording";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { storageReport } from "../src/report.js";

describe("storageReport against msw handlers (no server)", () => {
  const recordings = createMswHandlers<paths>("zoom-cloud-recording");
  const server = setupServer(...recordings.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it("counts what the API returned (a typed override)", async () => {
    server.use(
      recordings.http.get("/users/{userId}/recordings", ({ response }) =>
        response(200).json({
          page_size: 30,
          next_page_token: "",
          meetings: [
            {
              id: 1,
              recording_files: [
                { file_type: "MP4", file_size: 5 },
                { file_type: "MP4", file_size: 7 },
              ],
            },
          ],
        }),
      ),
    );
    const zoom = createZoomCloudRecordingClient({ auth: "unit-test-token" });
    const report = await storageReport(zoom, "me", "2024-03-01", "2024-03-20");
    expect(report).toEqual({ meetings: 1, bytesByType: { MP4: 12 } });
  });

  it("gets the spec's example from the default handlers", async () => {
    const zoom = createZoomCloudRecordingClient({ auth: "unit-test-token" });
    const report = await storageReport(zoom, "me", "2019-08-15", "2019-09-13");
    expect(report).toEqual({ meetings: 1, bytesByType: { M4A: 10098, TIMELINE: 0, MP4: 37285 } });
  });
});
