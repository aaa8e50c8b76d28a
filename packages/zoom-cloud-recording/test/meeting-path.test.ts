import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ClipKitValidationError } from "@clipkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZoomCloudRecordingClient } from "../src/index.js";
import { needsDoubleEncoding, zoomPathSerializer } from "../src/meeting-path.js";

// The raw request line as it reaches a server: what Zoom would see.
const seen: string[] = [];
const server = createServer((req, res) => {
  seen.push(req.url ?? "");
  res.writeHead(204).end();
});
let baseUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("meeting UUIDs in paths", () => {
  it.each([
    // given UUID (as Zoom gave it) → want path segment on the wire
    ["atsXxhSEQWit9t+U02HXNQ==", "atsXxhSEQWit9t%2BU02HXNQ%3D%3D"],
    ["/ajXp112QmuoKj4854875==", "%252FajXp112QmuoKj4854875%253D%253D"],
    ["ajXp112Qmu//oKj4854875==", "ajXp112Qmu%252F%252FoKj4854875%253D%253D"],
    ["ajXp112Qmu/oKj4854875==", "ajXp112Qmu%2FoKj4854875%3D%3D"],
    ["85746065", "85746065"],
  ])("%s is sent as %s", async (uuid, want) => {
    const zoom = createZoomCloudRecordingClient({ auth: "tok", baseUrl, maxRetries: 0 });
    await zoom.GET("/meetings/{meetingId}/recordings", { params: { path: { meetingId: uuid } } });
    await zoom.PUT("/meetings/{meetingUUID}/recordings/status", {
      params: { path: { meetingUUID: uuid } },
      body: { action: "recover" },
    });
    expect(seen.splice(0)).toEqual([
      `/meetings/${want}/recordings`,
      `/meetings/${want}/recordings/status`,
    ]);
  });

  it("double-encodes only meeting parameters, never a recording file ID", () => {
    expect(
      zoomPathSerializer("/meetings/{meetingId}/recordings/{recordingId}", {
        meetingId: "//x",
        recordingId: "//y",
      }),
    ).toBe("/meetings/%252F%252Fx/recordings/%2F%2Fy");
  });

  it.each([
    ["meetingId", ""],
    ["recordingId", " "],
  ])("refuses an empty %s before any request", async (name, value) => {
    const zoom = createZoomCloudRecordingClient({ auth: "tok", baseUrl, maxRetries: 0 });
    const error = await zoom
      .DELETE("/meetings/{meetingId}/recordings/{recordingId}", {
        params: { path: { meetingId: "m", recordingId: "r", [name]: value } },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error).toMatchObject({ field: name, message: `${name}: must not be empty` });
    expect(seen.splice(0)).toEqual([]);
  });

  it("a serializer the caller passes wins", async () => {
    const zoom = createZoomCloudRecordingClient({ auth: "tok", baseUrl, maxRetries: 0 });
    await zoom.GET("/meetings/{meetingId}/recordings", {
      params: { path: { meetingId: "/x" } },
      pathSerializer: (path) => path.replace("{meetingId}", "mine"),
    });
    expect(seen.splice(0)).toEqual(["/meetings/mine/recordings"]);
  });

  it.each([
    ["/a", true],
    ["a//b", true],
    ["a/b", false],
    ["a==", false],
  ])("needsDoubleEncoding(%s) is %s", (uuid, want) => {
    expect(needsDoubleEncoding(uuid)).toBe(want);
  });
});
