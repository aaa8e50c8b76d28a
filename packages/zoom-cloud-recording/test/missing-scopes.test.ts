// Zoom's code 4711 ("does not contain scopes") reaches the caller as a MissingScopesError that
// names the scopes the spec gives the failing operation, as generated into the client.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createZoomCloudRecordingClient, MissingScopesError, unwrap } from "../src/index.js";

const spec = parse(
  readFileSync(new URL("../../../specs/zoom-cloud-recording.yaml", import.meta.url), "utf8"),
);
const published = (path: string, method: string) => ({
  macro: spec.paths[path][method]["x-macro-scopes"] ?? [],
  granular: spec.paths[path][method]["x-granular-scopes"] ?? [],
});
const TOKEN = "zoom-access-token-abc";

function refusing(status: number) {
  const fetch = (async () =>
    Response.json(
      { code: 4711, message: "Invalid access token, does not contain scopes:[a, b]." },
      { status },
    )) as typeof globalThis.fetch;
  return createZoomCloudRecordingClient({ auth: TOKEN, fetch, maxRetries: 0 });
}

describe("a call refused for missing scopes", () => {
  it.each([400, 401])("(%i) names the list's scopes from the spec", async (status) => {
    const client = refusing(status);
    const error = await unwrap(
      client.GET("/users/{userId}/recordings", { params: { path: { userId: "me" } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingScopesError);
    const want = published("/users/{userId}/recordings", "get");
    expect((error as MissingScopesError).requiredScopes).toEqual(want);
    for (const scope of [...want.macro, ...want.granular]) {
      expect((error as Error).message).toContain(scope);
    }
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(TOKEN);
  });

  it("names the scopes of the operation that failed, not another's", async () => {
    const client = refusing(400);
    const error = await unwrap(
      client.DELETE("/meetings/{meetingId}/recordings", {
        params: { path: { meetingId: "85746065432" } },
      }),
    ).catch((e: unknown) => e);
    expect((error as MissingScopesError).requiredScopes).toEqual(
      published("/meetings/{meetingId}/recordings", "delete"),
    );
  });
});
