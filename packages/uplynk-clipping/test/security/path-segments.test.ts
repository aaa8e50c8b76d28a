// Regression of issue 12: a draft id of `..` used to send DELETE /api/v4/.
import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createUplynkClippingClient } from "../../src/index.js";

function setup() {
  const requests: Request[] = [];
  const client = createUplynkClippingClient({
    owner: "owner",
    apiKey: "key",
    fetch: async (input, init) => {
      requests.push(new Request(input, init));
      return new Response(null, { status: 204 });
    },
  });
  return { client, requests };
}

describe("path segments (uplynk-clipping)", () => {
  it.each(["..", ".", "", "%2E%2e", "\uDBFF"])(
    "deleteDraftClip with id %j sends nothing",
    async (id) => {
      const { client, requests } = setup();
      const call = client.DELETE("/clipping_draft/{id}", { params: { path: { id } } });
      await expect(call).rejects.toThrow(ClipKitValidationError);
      await expect(call).rejects.toMatchObject({ field: "id" });
      expect(requests).toEqual([]);
    },
  );

  it("an id with a slash stays one segment, signed", async () => {
    const { client, requests } = setup();
    await client.GET("/clip/draft_info/{id}", { params: { path: { id: "a/b" } } });
    const url = new URL(requests[0]?.url ?? "");
    expect(url.pathname).toBe("/api/v4/clip/draft_info/a%2Fb");
    expect(url.searchParams.has("sig")).toBe(true);
  });
});
