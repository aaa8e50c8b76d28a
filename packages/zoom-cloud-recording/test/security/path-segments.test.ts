// Regression of issue 12: a userId of `..` used to send GET /v2/recordings.
import { describe, expect, it } from "vitest";
import {
  ClipKitValidationError,
  createZoomCloudRecordingClient,
  listAllRecordings,
} from "../../src/index.js";

function setup() {
  const requests: Request[] = [];
  const client = createZoomCloudRecordingClient({
    auth: () => "tok",
    fetch: async (input, init) => {
      requests.push(new Request(input, init));
      return Response.json({ meetings: [], next_page_token: "" });
    },
  });
  return { client, requests };
}

describe("path segments (zoom-cloud-recording)", () => {
  it.each(["..", ".", "%2e%2E", "\uD83D"])(
    "listAllRecordings with userId %j sends nothing",
    async (userId) => {
      const { client, requests } = setup();
      const all = listAllRecordings(client, { userId, from: "2024-01-01", to: "2024-01-10" });
      await expect(all.next()).rejects.toThrow(ClipKitValidationError);
      expect(requests).toEqual([]);
    },
  );

  it("the raw GET refuses `..` too", async () => {
    const { client, requests } = setup();
    await expect(
      client.GET("/users/{userId}/recordings", { params: { path: { userId: ".." } } }),
    ).rejects.toMatchObject({ field: "userId" });
    expect(requests).toEqual([]);
  });
});
