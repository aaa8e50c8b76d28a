// Regressions of issue 12: a path parameter of `..`, `.`, "" or a lone surrogate used to be
// collapsed by the URL parser (DELETE /clips/abc/comments/.. went to DELETE /clips/abc/).
import { describe, expect, it } from "vitest";
import {
  ClipKitValidationError,
  createZoomClipsClient,
  downloadClip,
  serverToServerOAuth,
} from "../../src/index.js";
import { fakeFetch, json } from "../fake-fetch.js";

function setup() {
  const fake = fakeFetch((request) =>
    request.url.includes("/oauth/token")
      ? json({ access_token: "tok", expires_in: 3600 })
      : new Response(null, { status: 204 }),
  );
  const auth = serverToServerOAuth({
    accountId: "acc",
    clientId: "id",
    clientSecret: "secret",
    fetch: fake.fetch,
  });
  const client = createZoomClipsClient({ auth, fetch: fake.fetch, maxRetries: 0 });
  return { client, requests: fake.requests };
}

const hostile = ["..", ".", "", "%2e%2e", "%2E", "a\uD800"];

describe("path segments (zoom-clips)", () => {
  it.each(hostile)(
    "deleteClipComment with commentId %j sends nothing, not even the token request",
    async (commentId) => {
      const { client, requests } = setup();
      const call = client.DELETE("/clips/{clipId}/comments/{commentId}", {
        params: { path: { clipId: "abc", commentId } },
      });
      await expect(call).rejects.toThrow(ClipKitValidationError);
      await expect(call).rejects.toMatchObject({ field: "commentId" });
      expect(requests).toEqual([]);
    },
  );

  it.each(hostile)("downloadClip(%j) sends nothing", async (clipId) => {
    const { client, requests } = setup();
    await expect(downloadClip(client, clipId, { stream: true })).rejects.toThrow(
      ClipKitValidationError,
    );
    expect(requests).toEqual([]);
  });

  it("a lone surrogate is a ClipKitValidationError, not a bare URIError", async () => {
    const { client } = setup();
    const call = client.GET("/clips/{clipId}", { params: { path: { clipId: "\uDC00" } } });
    await expect(call).rejects.toBeInstanceOf(ClipKitValidationError);
    await expect(call).rejects.toThrow(/clipId: .*lone UTF-16 surrogate/);
  });

  it("an id with / ? # % stays inside its segment", async () => {
    const { client, requests } = setup();
    await client.DELETE("/clips/{clipId}/comments/{commentId}", {
      params: { path: { clipId: "abc", commentId: "../x?y#z%" } },
    });
    const sent = requests.filter((r) => !r.url.includes("/oauth/"));
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      "DELETE https://api.zoom.us/v2/clips/abc/comments/..%2Fx%3Fy%23z%25",
    ]);
  });
});
