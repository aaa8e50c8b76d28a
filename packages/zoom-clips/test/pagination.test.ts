import { describe, expect, it } from "vitest";
import { ApiError, createZoomClipsClient } from "../src/index.js";
import { fakeFetch, json } from "./fake-fetch.js";

const page = (ids: string[], next: string) => ({
  data: ids.map((clip_id) => ({ clip_id })),
  next_page_token: next,
  page_size: 30,
});

/** Serves three pages keyed by the request's next_page_token. */
function threePages() {
  const pages: Record<string, unknown> = {
    "": page(["c1", "c2"], "t2"),
    t2: page(["c3", "c4"], "t3"),
    t3: page(["c5"], ""),
  };
  return fakeFetch((request) => {
    const token = new URL(request.url).searchParams.get("next_page_token") ?? "";
    const body = pages[token];
    return body ? json(body) : json({ code: 300, message: "Pagination Error" }, 400);
  });
}

describe("pagination", () => {
  it("client.paginate('/clips') yields every clip of every page, in order", async () => {
    const fake = threePages();
    const client = createZoomClipsClient({
      auth: "t",
      baseUrl: "https://api.test/v2",
      fetch: fake.fetch,
    });
    const ids: string[] = [];
    for await (const clip of client.paginate("/clips", { query: { page_size: 30, user_id: "me" } }))
      ids.push(clip.clip_id ?? "");
    expect(ids).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(fake.requests.map((r) => r.url)).toEqual([
      "https://api.test/v2/clips?page_size=30&user_id=me",
      "https://api.test/v2/clips?page_size=30&user_id=me&next_page_token=t2",
      "https://api.test/v2/clips?page_size=30&user_id=me&next_page_token=t3",
    ]);
    expect(fake.requests.every((r) => r.headers.get("Authorization") === "Bearer t")).toBe(true);
  });

  it(".pages() yields the three pages of a sub account", async () => {
    const fake = threePages();
    const client = createZoomClipsClient({
      auth: "t",
      baseUrl: "https://api.test/v2",
      fetch: fake.fetch,
    });
    const pages = [];
    for await (const p of client
      .paginate("/accounts/{accountId}/clips", { path: { accountId: "acc 1" } })
      .pages())
      pages.push(p);
    expect(pages.map((p) => p.data?.length)).toEqual([2, 2, 1]);
    expect(new URL(fake.requests[0]?.url ?? "").pathname).toBe("/v2/accounts/acc%201/clips");
    const viaMethod = [];
    for await (const clip of client.paginate("/accounts/{accountId}/clips", {
      path: { accountId: "acc 1" },
    }))
      viaMethod.push(clip);
    expect(viaMethod).toHaveLength(5);
  });

  it("stops early without fetching more pages when the caller breaks", async () => {
    const fake = threePages();
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch });
    for await (const clip of client.paginate("/clips")) {
      expect(clip.clip_id).toBe("c1");
      break;
    }
    expect(fake.requests).toHaveLength(1);
  });

  it("throws a ApiError with Zoom's code when a page fails", async () => {
    const fake = fakeFetch((_, index) =>
      index === 0
        ? json(page(["c1"], "t2"))
        : json({ code: 300, message: "Pagination Error" }, 400),
    );
    const client = createZoomClipsClient({
      auth: "t",
      baseUrl: "https://api.test/v2",
      fetch: fake.fetch,
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const clip of client.paginate("/clips")) seen.push(clip.clip_id ?? "");
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(["c1"]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 300,
      apiMessage: "Pagination Error",
      method: "GET",
    });
    expect((error as Error).message).toMatch(
      /^400 from GET https:\/\/api\.test\/v2\/clips\S*: 300: Pagination Error$/,
    );
  });

  it("refuses a page token that comes back twice instead of looping", async () => {
    const fake = fakeFetch(() => json(page(["c1"], "same")));
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch });
    await expect(async () => {
      for await (const _ of client.paginate("/clips"));
    }).rejects.toThrow(/page token "same" twice/);
    expect(fake.requests).toHaveLength(2);
  });

  it("passes the abort signal to every page request", async () => {
    const controller = new AbortController();
    const fake = threePages();
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch });
    controller.abort(new Error("stop"));
    await expect(async () => {
      for await (const _ of client.paginate("/clips", { signal: controller.signal }));
    }).rejects.toThrow();
  });
});
