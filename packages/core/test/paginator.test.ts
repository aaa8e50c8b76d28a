import { describe, expect, it } from "vitest";
import { NotFoundError, ResponseParseError } from "../src/index.js";
import { paginator } from "../src/internal.js";

interface Page {
  items?: number[];
  next?: string;
}

/** A client whose GET answers from `pages` by the token in the query, recording each call. */
function fakeClient(pages: Record<string, Page>, tokenParam = "next_page_token") {
  const calls: Array<{ path: string; init: Record<string, unknown> }> = [];
  return {
    calls,
    client: {
      GET: async (path: never, init: never) => {
        calls.push({ path, init });
        const query = (init as { params: { query: Record<string, string> } }).params.query;
        const page = pages[query[tokenParam] ?? ""];
        const response = new Response(null, { status: page ? 200 : 404 });
        return page ? { data: page, response } : { error: { message: "gone" }, response };
      },
    },
  };
}

const routes = {
  "/items": { items: (p: Page) => p.items, nextToken: (p: Page) => p.next },
  "/pages/{id}": {
    items: (p: Page) => p.items,
    nextToken: (p: Page) => p.next,
    tokenParam: "cursor",
  },
  "/all": { items: (p: Page) => p.items },
};

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe("client.paginate (paginator)", () => {
  it("follows next_page_token with the caller's path and query, and the signal", async () => {
    const { client, calls } = fakeClient({ "": { items: [1, 2], next: "t2" }, t2: { items: [3] } });
    const signal = new AbortController().signal;
    const paginate = paginator(client, routes);
    expect(await all(paginate("/items", { query: { page_size: 2 }, signal }))).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.init)).toEqual([
      { params: { query: { page_size: 2 } }, signal },
      { params: { query: { page_size: 2, next_page_token: "t2" } }, signal },
    ]);
  });

  it("uses the route's own token parameter and passes path parameters", async () => {
    const { client, calls } = fakeClient(
      { "": { items: [1], next: "c2" }, c2: { items: [2] } },
      "cursor",
    );
    const items = await all(paginator(client, routes)("/pages/{id}", { path: { id: "x" } }));
    expect(items).toEqual([1, 2]);
    expect(calls[1]?.init).toEqual({ params: { path: { id: "x" }, query: { cursor: "c2" } } });
    expect(calls[1]?.path).toBe("/pages/{id}");
  });

  it("resumes from startToken", async () => {
    const { client, calls } = fakeClient({ t5: { items: [5] } });
    expect(await all(paginator(client, routes)("/items", { startToken: "t5" }))).toEqual([5]);
    expect(calls).toHaveLength(1);
  });

  it("asks once for an operation without a next-page token", async () => {
    const { client, calls } = fakeClient({ "": { items: [7, 8], next: "ignored" } });
    expect(await all(paginator(client, routes)("/all"))).toEqual([7, 8]);
    expect(calls).toHaveLength(1);
  });

  it("throws the typed error of a failed page", async () => {
    const { client } = fakeClient({ "": { items: [1], next: "missing" } });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const item of paginator(client, routes)("/items")) seen.push(item as number);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("a page without a body is a ResponseParseError naming the page", async () => {
    const client = {
      GET: async () => ({ data: undefined, response: new Response(null, { status: 200 }) }),
    };
    const error = await all(paginator(client, routes)("/items")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toBe("page 1 of the listing came back without a body");
  });

  it("refuses a path that is not a list operation, naming the ones that are", () => {
    const { client } = fakeClient({});
    expect(() => paginator(client, routes)("/nope")).toThrow(
      new TypeError("paginate: /nope is not a list operation (/items, /pages/{id}, /all)"),
    );
  });
});
