// How a ClipKit user tests their own code against a stateful mock: real paging over windows,
// token expiry, faults. Needs only @clipkit/testing.
import { type Mock, startMock } from "@clipkit/testing";
import { createZoomCloudRecordingClient, serverToServerOAuth } from "@clipkit/zoom-cloud-recording";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storageReport } from "../src/report.js";

describe("storageReport against the stateful mock", () => {
  let mock: Mock<"zoom-cloud-recording">;
  beforeAll(async () => {
    mock = await startMock("zoom-cloud-recording", {
      mode: "stateful",
      fake: {
        meetingsPerUser: 30,
        filesPerMeeting: 2,
        fileSize: 1000,
        from: "2024-03-01",
        to: "2024-05-31",
      },
    });
  });
  afterAll(() => mock.close());

  it("adds up every file of every meeting, across windows and pages", async () => {
    const zoom = mock.client(createZoomCloudRecordingClient);
    const report = await storageReport(zoom, "me", "2024-03-01", "2024-05-31");
    expect(report).toEqual({ meetings: 30, bytesByType: { MP4: 30_000, M4A: 30_000 } });
  });

  it("survives a burst of 429s and an expired token (Server-to-Server OAuth)", async () => {
    const credentials = mock.fake?.credentials;
    if (!credentials) throw new Error("stateful mode has a fake");
    const zoom = createZoomCloudRecordingClient({
      ...mock.clientOptions(),
      auth: serverToServerOAuth({ ...credentials, tokenUrl: mock.tokenUrl ?? "" }),
      maxRetries: 4,
    });
    await storageReport(zoom, "me", "2024-03-01", "2024-03-31");
    mock.fake?.faults.rateLimit({ count: 2, retryAfterSeconds: 0 });
    mock.fake?.faults.expireTokens();
    const report = await storageReport(zoom, "me", "2024-03-01", "2024-05-31");
    expect(report.meetings).toBe(30);
  });
});
