import { describe, expect, it } from "vitest";
import { PaginationLoopError } from "../src/index.js";
import { paginateCollection, paginateToken } from "../src/internal.js";

interface Page {
  items?: number[];
  next?: string | null;
}

/** A fake API: `pages[token ?? ""]` is the answer for a token; records the tokens asked for. */
function api(pages: Record<string, Page>) {
  const asked: Array<string | undefined> = [];
  const fetchPage = async (token: string | undefined) => {
    asked.push(token);
    const page = pages[token ?? ""];
    if (!page) throw new Error(`no page for ${token}`);
    return page;
  };
  return { asked, fetchPage };
}

const opts = { items: (p: Page) => p.items, nextToken: (p: Page) => p.next };

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("paginateToken", () => {
  it.each([
    { given: "empty string", next: "" },
    { given: "undefined", next: undefined },
    { given: "null", next: null },
  ])("stops when the next token is $given", async ({ next }) => {
    const { asked, fetchPage } = api({ "": { items: [1, 2], next: "b" }, b: { items: [3], next } });
    expect(await collect(paginateToken(fetchPage, opts))).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, "b"]);
  });

  it("treats a page without items as empty and goes on", async () => {
    const { fetchPage } = api({ "": { next: "b" }, b: { items: [7], next: "" } });
    expect(await collect(paginateToken(fetchPage, opts))).toEqual([7]);
  });

  it("throws PaginationLoopError when a token comes back, after yielding what it had", async () => {
    const { asked, fetchPage } = api({
      "": { items: [1], next: "b" },
      b: { items: [2], next: "c" },
      c: { items: [3], next: "b" },
    });
    const seen: number[] = [];
    const run = async () => {
      for await (const item of paginateToken(fetchPage, opts)) seen.push(item);
    };
    await expect(run()).rejects.toBeInstanceOf(PaginationLoopError);
    expect(seen).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, "b", "c"]);
  });

  it("throws when a page returns its own token", async () => {
    const { fetchPage } = api({ "": { items: [1], next: "a" }, a: { items: [2], next: "a" } });
    await expect(collect(paginateToken(fetchPage, opts))).rejects.toThrow(/twice/);
  });

  it("resumes from startToken, and a page pointing back to it is a loop", async () => {
    const { asked, fetchPage } = api({
      c: { items: [5], next: "d" },
      d: { items: [6], next: "c" },
    });
    const pages = paginateToken(fetchPage, { ...opts, startToken: "c" });
    await expect(collect(pages)).rejects.toBeInstanceOf(PaginationLoopError);
    expect(asked).toEqual(["c", "d"]);
  });

  it("pages() yields whole pages, and every iteration starts again", async () => {
    const { asked, fetchPage } = api({
      "": { items: [1], next: "b" },
      b: { items: [2], next: "" },
    });
    const listing = paginateToken(fetchPage, opts);
    expect(await collect(listing.pages())).toEqual([
      { items: [1], next: "b" },
      { items: [2], next: "" },
    ]);
    expect(await collect(listing)).toEqual([1, 2]);
    expect(asked).toEqual([undefined, "b", undefined, "b"]);
  });

  it("fetches lazily: breaking early fetches no further page", async () => {
    const { asked, fetchPage } = api({
      "": { items: [1, 2], next: "b" },
      b: { items: [3], next: "" },
    });
    for await (const item of paginateToken(fetchPage, opts)) if (item === 1) break;
    expect(asked).toEqual([undefined]);
  });

  it("passes a fetch error through", async () => {
    const { fetchPage } = api({ "": { items: [1], next: "missing" } });
    await expect(collect(paginateToken(fetchPage, opts))).rejects.toThrow(/no page for missing/);
  });
});

describe("paginateCollection", () => {
  it.each([
    { given: { items: [1, 2, 3] }, want: [1, 2, 3] },
    { given: { items: [] }, want: [] },
    { given: {}, want: [] },
  ])("yields the items of $given", async ({ given, want }) => {
    let calls = 0;
    const listing = paginateCollection(
      async () => {
        calls++;
        return given as Page;
      },
      { items: (p: Page) => p.items },
    );
    expect(await collect(listing)).toEqual(want);
    expect(await collect(listing.pages())).toEqual([given]);
    expect(calls).toBe(2);
  });
});
