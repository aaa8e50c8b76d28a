import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createApiClient } from "../src/index.js";
import { encodePathSegment, guardedPathSerializer } from "../src/internal.js";
import { testVendor } from "./helpers/vendor.js";

type Paths = {
  "/items/{itemId}/notes/{noteId}": {
    delete: {
      parameters: { path: { itemId: string; noteId: string } };
      responses: { 204: { content: never } };
    };
  };
};

const refused: [string, unknown, RegExp][] = [
  ["empty", "", /must not be empty/],
  ["dot", ".", /dot segment/],
  ["dot dot", "..", /dot segment/],
  ["encoded dot", "%2e", /dot segment/],
  ["encoded dot dot, mixed case", "%2E%2e", /dot segment/],
  ["half encoded", ".%2E", /dot segment/],
  ["double encoded", "%252e%252E", /dot segment/],
  ["fullwidth dots", "\uFF0E\uFF0E", /dot segment/],
  ["two dot leader", "\u2025", /dot segment/],
  ["lone high surrogate", "a\uD800b", /lone UTF-16 surrogate/],
  ["lone low surrogate", "\uDC00", /lone UTF-16 surrogate/],
  ["missing", undefined, /missing/],
  ["null", null, /missing/],
  ["object", { a: 1 }, /expected a string/],
  ["NaN", Number.NaN, /expected a string/],
];

const kept: [string, string, string][] = [
  ["slash", "a/b", "a%2Fb"],
  ["query and fragment", "a?b#c", "a%3Fb%23c"],
  ["percent", "100%", "100%25"],
  ["encoded-looking percent", "%2F", "%252F"],
  ["backslash", "..\\", "..%5C"],
  ["three dots", "...", "..."],
  ["dot inside", "a..b", "a..b"],
  ["unicode", "clé📎", "cl%C3%A9%F0%9F%93%8E"],
  ["space", " ", "%20"],
];

describe("encodePathSegment", () => {
  it.each(refused)("refuses %s", (_, value, message) => {
    const error = (() => {
      try {
        encodePathSegment("clipId", value);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect((error as ClipKitValidationError).field).toBe("clipId");
    expect((error as Error).message).toMatch(message);
  });

  it.each(kept)("keeps %s inside the segment", (_, value, encoded) => {
    expect(encodePathSegment("clipId", value)).toBe(encoded);
    const url = new URL(`https://h.test/v2/clips/${encoded}/x`);
    expect(url.pathname.split("/")).toEqual(["", "v2", "clips", encoded, "x"]);
    expect(decodeURIComponent(url.pathname.split("/")[3] as string)).toBe(value);
  });

  it("fills every placeholder of a path", () => {
    expect(guardedPathSerializer("https://h.test/a/{x}/b/{y}", { x: "1/2", y: 3 })).toBe(
      "https://h.test/a/1%2F2/b/3",
    );
  });
});

describe("createApiClient with the guard", () => {
  function setup() {
    const sent: string[] = [];
    let tokens = 0;
    const client = createApiClient<Paths>({
      baseUrl: "https://api.test/v2",
      vendor: testVendor,
      auth: {
        async authorize(request) {
          tokens++;
          return request;
        },
      },
      fetch: async (input, init) => {
        sent.push(new Request(input, init).url);
        return new Response(null, { status: 204 });
      },
    });
    return { client, sent, tokens: () => tokens };
  }

  it("refuses a dot segment before the token is asked for and before any request", async () => {
    const { client, sent, tokens } = setup();
    await expect(
      client.DELETE("/items/{itemId}/notes/{noteId}", {
        params: { path: { itemId: "abc", noteId: ".." } },
      }),
    ).rejects.toThrow(ClipKitValidationError);
    expect(sent).toEqual([]);
    expect(tokens()).toBe(0);
  });

  it("refuses a call without params.path (openapi-fetch would send {noteId} literally)", async () => {
    const { client, sent } = setup();
    const loose = client.DELETE as unknown as (path: string, init: object) => Promise<unknown>;
    await expect(loose("/items/{itemId}/notes/{noteId}", {})).rejects.toThrow(/itemId: missing/);
    expect(sent).toEqual([]);
  });

  it("sends a hostile but valid value inside its own segment", async () => {
    const { client, sent } = setup();
    await client.DELETE("/items/{itemId}/notes/{noteId}", {
      params: { path: { itemId: "a/../b", noteId: "?#%" } },
    });
    expect(sent).toEqual(["https://api.test/v2/items/a%2F..%2Fb/notes/%3F%23%25"]);
  });
});

describe("query values (found by the fuzzer)", () => {
  it("a lone surrogate in a query value is a ClipKitValidationError naming it, not a URIError", async () => {
    type ListPaths = {
      "/items": {
        get: {
          parameters: { query?: { q?: string; tags?: string[] } };
          responses: { 200: { content: { "application/json": unknown } } };
        };
      };
    };
    const sent: string[] = [];
    const client = createApiClient<ListPaths>({
      baseUrl: "https://api.test",
      vendor: testVendor,
      fetch: async (input, init) => {
        sent.push(new Request(input, init).url);
        return Response.json({});
      },
    });
    for (const query of [{ q: "a\uD800" }, { tags: ["ok", "\uDC00"] }]) {
      const call = client.GET("/items", { params: { query } });
      await expect(call).rejects.toBeInstanceOf(ClipKitValidationError);
      await expect(call).rejects.toThrow(/^(q|tags): .*lone UTF-16 surrogate/);
    }
    await client.GET("/items", { params: { query: { q: "é📎&=" } } });
    expect(sent).toEqual(["https://api.test/items?q=%C3%A9%F0%9F%93%8E%26%3D"]);
  });
});
