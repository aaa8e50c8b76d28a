// Against Prism, from the spec shipped in @clipkit/testing (needs @stoplight/prism-cli).
import { type Mock, startMock } from "@clipkit/testing";
import { createZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storageReport } from "../src/report.js";

describe("storageReport against Prism", () => {
  let mock: Mock<"zoom-cloud-recording">;
  beforeAll(async () => {
    mock = await startMock("zoom-cloud-recording", { mode: "prism" });
  }, 60_000);
  afterAll(() => mock.close());

  it("reads the spec's example page", async () => {
    const zoom = mock.client(createZoomCloudRecordingClient);
    const report = await storageReport(zoom, "me", "2019-08-15", "2019-09-13");
    expect(report).toEqual({ meetings: 1, bytesByType: { M4A: 10098, TIMELINE: 0, MP4: 37285 } });
  });
});
