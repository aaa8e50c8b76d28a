// `@clipkit/zoom-clips/lean` leaves out the request checks and `paginate` (their bytes), nothing
// else: a request the main entry's client refuses before the wire goes out from the lean one,
// and the lean client keeps the runtime's routing and typed errors.
import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createZoomClipsClient } from "../src/index.js";
import {
  createZoomClipsClient as createLeanClient,
  MissingScopesError,
  unwrap,
  withPaginate,
} from "../src/lean.js";
import { fakeFetch, json } from "./fake-fetch.js";

// Each breaks a documented limit: a page_size above 300, an update with 11 tags.
const BAD_CALLS = [
  [
    "GET /clips with page_size 301",
    (client: ReturnType<typeof createLeanClient>) =>
      client.GET("/clips", { params: { query: { page_size: 301 } } }),
  ],
  [
    "PATCH /clips/{clipId} with 11 tags",
    (client: ReturnType<typeof createLeanClient>) =>
      client.PATCH("/clips/{clipId}", {
        params: { path: { clipId: "c1" } },
        body: { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      }),
  ],
] as const;

describe("the lean client", () => {
  it.each(BAD_CALLS)("sends %s, which the main entry's client refuses unsent", async (_, call) => {
    const lean = fakeFetch(() => json({}));
    await call(createLeanClient({ auth: "t", fetch: lean.fetch, maxRetries: 0 }));
    expect(lean.requests).toHaveLength(1);

    const checked = fakeFetch(() => json({}));
    await expect(
      call(createZoomClipsClient({ auth: "t", fetch: checked.fetch, maxRetries: 0 })),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(checked.requests).toHaveLength(0);
  });

  it("has no paginate; the main entry's client has it", () => {
    expect(createLeanClient({ auth: "t" })).not.toHaveProperty("paginate");
    expect(typeof createZoomClipsClient({ auth: "t" }).paginate).toBe("function");
  });

  it("still routes uploads to the file host, and names the scopes a refused call needs", async () => {
    const { fetch, requests } = fakeFetch((request) =>
      request.url.includes("/clips/files")
        ? json({ clip_id: "c1" }, 201)
        : json({ code: 4711, message: "Invalid access token, does not contain scopes." }, 400),
    );
    const client = createLeanClient({
      auth: "t",
      fetch,
      maxRetries: 0,
      fileBaseUrl: "https://files.example.test/v2/",
    });
    expect(client.fileBaseUrl).toBe("https://files.example.test/v2");
    const form = new FormData();
    form.set("file", new Blob(["x"], { type: "video/mp4" }), "a.mp4");
    await client.POST("/clips/files", {
      body: form as never,
      bodySerializer: (b: unknown) => b as FormData,
    });
    expect(requests[0]?.url).toBe("https://files.example.test/v2/clips/files");

    const error = await unwrap(
      client.GET("/clips/{clipId}", { params: { path: { clipId: "c1" } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingScopesError);
    expect((error as MissingScopesError).requiredScopes?.granular.length).toBeGreaterThan(0);
  });

  it("gets paginate from withPaginate alone: every item over the pages, the query unchecked", async () => {
    const { fetch, requests } = fakeFetch((request) =>
      new URL(request.url).searchParams.get("next_page_token") === "p2"
        ? json({ data: [{ clip_id: "c2" }], next_page_token: "" })
        : json({ data: [{ clip_id: "c1" }], next_page_token: "p2" }),
    );
    const client = withPaginate(createLeanClient({ auth: "t", fetch, maxRetries: 0 }));
    const ids: string[] = [];
    // page_size 301: the main entry's client would refuse it; paging does not check.
    for await (const clip of client.paginate("/clips", { query: { page_size: 301 } })) {
      ids.push(clip.clip_id ?? "");
    }
    expect(ids).toEqual(["c1", "c2"]);
    expect(requests.map((r) => new URL(r.url).searchParams.get("page_size"))).toEqual([
      "301",
      "301",
    ]);
  });
});
