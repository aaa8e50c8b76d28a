import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createApiClient } from "../src/index.js";
import {
  type RequestSchemas,
  requestValidation,
  type Schema,
  schemaProblem,
} from "../src/internal.js";
import { testVendor } from "./helpers/vendor.js";

const cases: { given: string; schema: Schema; value: unknown; want?: RegExp }[] = [
  {
    given: "an integer in range",
    schema: { type: "integer", minimum: 1, maximum: 300 },
    value: 30,
  },
  { given: "below minimum", schema: { type: "integer", minimum: 1 }, value: 0, want: /from 1/ },
  { given: "a fraction", schema: { type: "integer" }, value: 2.5, want: /expected integer/ },
  { given: "NaN", schema: { type: "number" }, value: Number.NaN, want: /expected number/ },
  // Found by the fuzzer: Prism refuses meeting_id=-1.79e308 for an int64.
  {
    given: "an int64 past 2^53",
    schema: { type: "integer", format: "int64" },
    value: -1.7976931348623147e308,
    want: /2\^53/,
  },
  { given: "an int64", schema: { type: "integer", format: "int64" }, value: 2 ** 53 - 1 },
  { given: "off the enum", schema: { enum: ["A", "B"] }, value: "C", want: /one of "A", "B"/ },
  { given: "empty", schema: { type: "string", minLength: 1 }, value: "", want: /not be empty/ },
  {
    given: "a bad date",
    schema: { type: "string", format: "date" },
    value: "2024-02-30",
    want: /date/,
  },
  {
    given: "a date-time",
    schema: { type: "string", format: "date-time" },
    value: "2024-02-29T23:59:59Z",
  },
  {
    given: "too many items",
    schema: { type: "array", maxItems: 2 },
    value: [1, 2, 3],
    want: /at most 2/,
  },
  {
    given: "a missing required field",
    schema: { type: "object", required: ["a"], properties: { a: { type: "string" } } },
    value: {},
    want: /required/,
  },
  {
    given: "an excluded field",
    schema: { type: "object", properties: { a: false } },
    value: { a: 1 },
    want: /not allowed/,
  },
  {
    given: "none of oneOf",
    schema: { oneOf: [{ type: "string" }, { type: "integer" }] },
    value: true,
    want: /none of the 2/,
  },
];

describe("schemaProblem", () => {
  it.each(cases)("$given", ({ schema, value, want }) => {
    const problem = schemaProblem(value, schema, "x");
    if (want) expect(problem?.message).toMatch(want);
    else expect(problem).toBeUndefined();
  });
});

// A package's message overrides are keyed by field and keyword (`"tags maxItems"`): each kind of
// failure must name its keyword.
describe("schemaProblem's keyword", () => {
  it.each<[string, Schema, unknown, string]>([
    ["a forbidden value", false, 1, "false"],
    ["a value off the enum", { enum: ["A"] }, "B", "enum"],
    ["a value not the const", { const: "A" }, "B", "const"],
    ["an int32 past 2^31", { type: "integer", format: "int32" }, 2 ** 31, "format"],
    ["an int64 past 2^53", { type: "integer", format: "int64" }, 2 ** 60, "format"],
    ["a number below its minimum", { type: "integer", minimum: 1 }, 0, "range"],
    ["a string too short", { type: "string", minLength: 2 }, "a", "minLength"],
    ["a string too long", { type: "string", maxLength: 1 }, "ab", "maxLength"],
    ["a string off its pattern", { type: "string", pattern: "^a$" }, "b", "pattern"],
    ["a bad date", { type: "string", format: "date" }, "2024-13-01", "format"],
    ["a list too short", { type: "array", minItems: 1 }, [], "minItems"],
    ["none of oneOf", { oneOf: [{ type: "string" }, { type: "integer" }] }, true, "oneOf"],
    ["both of oneOf", { oneOf: [{ type: "number" }, { type: "integer" }] }, 1, "oneOf"],
  ])("%s: %s", (_, schema, value, keyword) => {
    expect(schemaProblem(value, schema, "x")).toMatchObject({ keyword });
  });
});

describe("requestValidation", () => {
  const schemas: RequestSchemas = {
    "GET /items": {
      path: {},
      query: {
        page_size: { schema: { type: "integer", minimum: 1, maximum: 50 } },
        one: { schema: { type: "string" } },
        many: { schema: { type: "array", items: { type: "integer", maximum: 5 } } },
      },
    },
  };
  function setup() {
    const sent: string[] = [];
    const client = createApiClient<Record<string, never>>({
      baseUrl: "https://api.test",
      vendor: testVendor,
      fetch: async (input, init) => {
        sent.push(new Request(input, init).url);
        return Response.json({});
      },
      validation: requestValidation(schemas),
    });
    const get = client.GET as unknown as (path: string, init: object) => Promise<unknown>;
    return { get: (query: object) => get("/items", { params: { query } }), sent };
  }

  it.each([
    [{ page_size: 51 }, "page_size"],
    [{ page_size: "0" }, "page_size"],
    // Found by the fuzzer: a list for a single-valued parameter went out as one=a&one=b.
    [{ one: ["a", "b"] }, "one"],
    [{ many: [1, 6] }, "many[1]"],
  ])("refuses %j (field %s) before sending", async (query, field) => {
    const { get, sent } = setup();
    await expect(get(query)).rejects.toMatchObject({ field });
    await expect(get(query)).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(sent).toEqual([]);
  });

  it("sends numbers given as strings and lists to list parameters", async () => {
    const { get, sent } = setup();
    await get({ page_size: "50", many: ["1", 5] });
    expect(sent).toEqual(["https://api.test/items?page_size=50&many=1&many=5"]);
  });

  it("keeps digits given to a string parameter a string (a page token, an ID)", async () => {
    const { get, sent } = setup();
    await get({ one: "12345" });
    expect(sent).toEqual(["https://api.test/items?one=12345"]);
  });
});
