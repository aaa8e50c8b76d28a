import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createApiClient } from "../src/index.js";
import {
  type RequestSchemas,
  requestValidation,
  type Schema,
  schemaProblem,
} from "../src/internal.js";
import { testVendor } from "./helpers/vendor.js";

// Each rule on both sides of its edge, with the message a user reads: the value at the edge
// passes, one step past it fails and says why (the field is "x" unless a case says otherwise).
type Case = [given: string, schema: Schema, value: unknown, problem?: string | [string, string]];

const rules: Case[] = [
  ["true allows anything", true, { any: 1 }],
  ["false allows nothing", false, 1, "is not allowed here"],
  ["a type list takes any of its types", { type: ["string", "null"] }, null],
  ["a type list names them all", { type: ["string", "null"] }, 3, "expected string or null, got 3"],
  ["an integer is a number", { type: "number" }, 3],
  ["a fraction is a number", { type: "number" }, 2.5],
  [
    "Infinity is no number",
    { type: "number" },
    Number.POSITIVE_INFINITY,
    "expected number, got null",
  ],
  ["an array is not an object", { type: "object" }, [], "expected object, got []"],
  ["null is not an object", { type: "object" }, null, "expected object, got null"],
  ["a boolean", { type: "boolean" }, false],
  [
    "a long value is shortened in the message",
    { type: "integer" },
    "a".repeat(80),
    `expected integer, got "${"a".repeat(56)}…`,
  ],
  [
    "a value of 60 characters is shown whole",
    { type: "integer" },
    "a".repeat(58),
    `expected integer, got "${"a".repeat(58)}"`,
  ],
  ["on the enum", { enum: ["A", 2] }, 2],
  ["off the enum", { enum: ["A", 2] }, "2", 'expected one of "A", 2, got "2"'],
  ["the const", { const: "fixed" }, "fixed"],
  ["not the const", { const: "fixed" }, "other", 'expected "fixed", got "other"'],
  ["a const of false", { const: false }, true, "expected false, got true"],
  ["at the minimum", { minimum: 1, maximum: 300 }, 1],
  ["at the maximum", { minimum: 1, maximum: 300 }, 300],
  ["under the minimum", { minimum: 1, maximum: 300 }, 0, "expected a value from 1 to 300, got 0"],
  ["over the maximum", { maximum: 300 }, 301, "expected a value from -∞ to 300, got 301"],
  ["under a lone minimum", { minimum: -5 }, -6, "expected a value from -5 to ∞, got -6"],
  ["an int32 at its edges", { format: "int32" }, -(2 ** 31)],
  ["an int32 at its top", { format: "int32" }, 2 ** 31 - 1],
  ["past an int32", { format: "int32" }, 2 ** 31, "expected a 32-bit integer, got 2147483648"],
  [
    "below an int32",
    { format: "int32" },
    -(2 ** 31) - 1,
    "expected a 32-bit integer, got -2147483649",
  ],
  [
    "an int64 past 2^53",
    { format: "int64" },
    2 ** 53,
    "expected an integer from -(2^53 - 1) to 2^53 - 1, got 9007199254740992",
  ],
  ["above an exclusive minimum", { exclusiveMinimum: 0 }, 0.5],
  [
    "at an exclusive minimum",
    { exclusiveMinimum: 0 },
    0,
    "expected a value above 0 and below ∞, got 0",
  ],
  ["below an exclusive maximum", { exclusiveMaximum: 10 }, 9.5],
  [
    "at an exclusive maximum",
    { exclusiveMaximum: 10 },
    10,
    "expected a value above -∞ and below 10, got 10",
  ],
  ["bounds don't apply to strings", { minimum: 5, maxLength: 3 }, "1"],
  ["at minLength", { minLength: 2 }, "ab"],
  ["under minLength", { minLength: 2 }, "a", "must be at least 2 characters"],
  ["empty under minLength 1", { minLength: 1 }, "", "must not be empty"],
  ["at maxLength, counted in characters", { maxLength: 2 }, "é😀"],
  ["over maxLength", { maxLength: 2 }, "abc", "must be at most 2 characters, got 3"],
  ["length rules don't apply to numbers", { minLength: 3 }, 1],
  ["matching the pattern", { pattern: "^[a-z]+$" }, "abc"],
  ["the pattern is found anywhere unless anchored", { pattern: "b" }, "abc"],
  [
    "not matching the pattern",
    { pattern: "^[a-z]+$" },
    "ab1",
    'does not match the pattern ^[a-z]+$: "ab1"',
  ],
  ["the pattern reads Unicode", { pattern: "^.$" }, "😀"],
  ["a date", { format: "date" }, "2024-02-29"],
  ["not a leap day", { format: "date" }, "2023-02-29", 'expected a date, got "2023-02-29"'],
  [
    "a date with a time",
    { format: "date" },
    "2024-02-01T00:00:00Z",
    'expected a date, got "2024-02-01T00:00:00Z"',
  ],
  ["a date inside text", { format: "date" }, "x2024-02-01", 'expected a date, got "x2024-02-01"'],
  [
    "a date-time with an offset and fractions",
    { format: "date-time" },
    "2024-02-29 23:59:59.123+05:30",
  ],
  [
    "a date-time without a zone",
    { format: "date-time" },
    "2024-02-29T23:59:59",
    'expected a date-time, got "2024-02-29T23:59:59"',
  ],
  [
    "a date-time on no day",
    { format: "date-time" },
    "2024-02-30T10:00:00Z",
    'expected a date-time, got "2024-02-30T10:00:00Z"',
  ],
  [
    "a date-time with trailing text",
    { format: "date-time" },
    "2024-02-01T10:00:00Zx",
    'expected a date-time, got "2024-02-01T10:00:00Zx"',
  ],
  [
    "a date-time at hour 25",
    { format: "date-time" },
    "2024-02-01T25:00:00Z",
    'expected a date-time, got "2024-02-01T25:00:00Z"',
  ],
  ["an email", { format: "email" }, "a.b@example.com"],
  [
    "an email without a domain dot",
    { format: "email" },
    "a@example",
    'expected a email, got "a@example"',
  ],
  [
    "an email with a space",
    { format: "email" },
    "a b@example.com",
    'expected a email, got "a b@example.com"',
  ],
  [
    "an email with text around",
    { format: "email" },
    "<a@b.co>x y",
    'expected a email, got "<a@b.co>x y"',
  ],
  ["a uri", { format: "uri" }, "https://example.com/x"],
  ["not a uri", { format: "uri" }, "example.com", 'expected a uri, got "example.com"'],
  ["an unknown format is not checked", { format: "video-id" }, "anything"],
  ["at minItems", { minItems: 2 }, [1, 2]],
  ["under minItems", { minItems: 2 }, [1], "needs at least 2 item(s), got 1"],
  ["at maxItems", { maxItems: 2 }, [1, 2]],
  ["over maxItems", { maxItems: 2 }, [1, 2, 3], "can hold at most 2 items, got 3"],
  [
    "items are checked, named by index",
    { items: { type: "string" } },
    ["a", 2],
    ["x[1]", "expected string, got 2"],
  ],
  [
    "nested fields are named by path",
    { properties: { a: { items: { properties: { b: { type: "string" } } } } } },
    { a: [{ b: "ok" }, { b: 1 }] },
    ["x.a[1].b", "expected string, got 1"],
  ],
  ["a required field", { required: ["a"] }, { a: 0 }],
  ["a required field missing", { required: ["a", "b"] }, { a: 1 }, ["x.b", "is required"]],
  [
    "a required field given as undefined",
    { required: ["a"] },
    { a: undefined },
    ["x.a", "is required"],
  ],
  ["at minProperties", { minProperties: 1 }, { a: 1 }],
  [
    "under minProperties",
    { minProperties: 2 },
    { a: 1, b: undefined },
    "needs at least 2 field(s)",
  ],
  ["at maxProperties", { maxProperties: 1 }, { a: 1 }],
  ["over maxProperties", { maxProperties: 1 }, { a: 1, b: 2 }, "can hold at most 1 fields"],
  [
    "other fields follow additionalProperties",
    { properties: { a: { type: "string" } }, additionalProperties: { type: "integer" } },
    { a: "s", b: "t" },
    ["x.b", 'expected integer, got "t"'],
  ],
  [
    "a named field follows its own rule, not additionalProperties",
    { properties: { a: { type: "string" } }, additionalProperties: false },
    { a: "s" },
  ],
  [
    "no additional fields",
    { properties: {}, additionalProperties: false },
    { z: 1 },
    ["x.z", "is not allowed here"],
  ],
  [
    "an object's own rules, then allOf",
    { type: "object", allOf: [{ required: ["a"] }] },
    {},
    ["x.a", "is required"],
  ],
  ["allOf: every rule", { allOf: [{ minimum: 1 }, { maximum: 5 }] }, 3],
  [
    "allOf: the first broken rule",
    { allOf: [{ minimum: 1 }, { maximum: 5 }] },
    6,
    "expected a value from -∞ to 5, got 6",
  ],
  ["anyOf: one is enough", { anyOf: [{ type: "string" }, { type: "integer" }] }, 3],
  [
    "anyOf: none, the first one's problem",
    { anyOf: [{ type: "string" }, { type: "integer" }] },
    true,
    "expected string, got true",
  ],
  ["oneOf: exactly one", { oneOf: [{ type: "string" }, { type: "integer" }] }, 3],
  [
    "oneOf: none",
    { oneOf: [{ type: "string" }, { minimum: 4 }] },
    3,
    "matches none of the 2 accepted shapes (the first says x: expected string, got 3)",
  ],
  [
    "oneOf: more than one",
    { oneOf: [{ type: "number" }, { type: "integer" }] },
    3,
    "matches more than one of the accepted shapes; it is ambiguous",
  ],
];

describe("schemaProblem, rule by rule", () => {
  it.each(rules)("%s", (_given, schema, value, problem) => {
    const found = schemaProblem(value, schema, "x");
    if (problem === undefined) expect(found).toBeUndefined();
    else {
      const [field, message] = typeof problem === "string" ? ["x", problem] : problem;
      expect(found).toMatchObject({ field, message });
    }
  });

  it("names a top-level field without a leading dot, and a bare body 'body'", () => {
    expect(schemaProblem({}, { required: ["name"] }, "")).toMatchObject({
      field: "name",
      message: "is required",
      keyword: "required",
    });
    expect(schemaProblem({ a: 1 }, { maxProperties: 0 }, "")).toMatchObject({
      field: "body",
      message: "can hold at most 0 fields",
      keyword: "maxProperties",
    });
    expect(schemaProblem({}, { minProperties: 1 }, "")).toMatchObject({
      field: "body",
      message: "needs at least 1 field(s)",
      keyword: "minProperties",
    });
  });
});

describe("requestValidation: path, query and JSON body", () => {
  const schemas: RequestSchemas = {
    "GET /items/{id}": {
      path: { id: { required: true, schema: { type: "string", minLength: 3 } } },
      query: {
        size: { schema: { type: "integer", maximum: 50 } },
        page: { schema: { type: ["integer", "null"], minimum: 1 } },
        ratio: { schema: { type: "number", maximum: 1 } },
        flag: { schema: { type: "boolean" } },
        word: { schema: { type: "string", enum: ["a", "b"] } },
        needed: { required: true, schema: { type: "string" } },
      },
    },
    "POST /items": {
      path: {},
      query: {},
      body: {
        required: true,
        contentType: "application/json",
        schema: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
      },
    },
    "PUT /items": {
      path: {},
      query: {},
      body: { required: false, contentType: "application/json", schema: { type: "object" } },
    },
    "POST /uploads": {
      path: {},
      query: {},
      body: { required: true, contentType: "multipart/form-data", schema: { type: "object" } },
    },
  };

  function setup() {
    const sent: string[] = [];
    const client = createApiClient<Record<string, never>>({
      baseUrl: "https://api.test",
      vendor: testVendor,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        sent.push(`${request.method} ${request.url}`);
        return Response.json({});
      },
      validation: requestValidation(schemas),
    });
    const call = (method: "GET" | "POST" | "PUT", path: string, init: object = {}) =>
      (client[method] as unknown as (p: string, i: object) => Promise<{ response: Response }>)(
        path,
        init,
      );
    return { call, sent };
  }

  const item = (path: object, query: object) => ({ params: { path, query } });

  it.each([
    [
      "a path value too short",
      item({ id: "ab" }, { needed: "y" }),
      "id",
      "must be at least 3 characters",
    ],
    ["a required query value missing", item({ id: "abc" }, {}), "needed", "is required"],
    [
      "a required query value given as null",
      item({ id: "abc" }, { needed: null }),
      "needed",
      "is required",
    ],
    [
      "an integer as text past its maximum",
      item({ id: "abc" }, { needed: "y", size: "51" }),
      "size",
      "expected a value from -∞ to 50, got 51",
    ],
    [
      "a fraction as text past its maximum",
      item({ id: "abc" }, { needed: "y", ratio: "1.5" }),
      "ratio",
      "expected a value from -∞ to 1, got 1.5",
    ],
    [
      "a negative number as text",
      item({ id: "abc" }, { needed: "y", size: "-1x" }),
      "size",
      'expected integer, got "-1x"',
    ],
    [
      "a boolean that is neither true nor false",
      item({ id: "abc" }, { needed: "y", flag: "yes" }),
      "flag",
      'expected boolean, got "yes"',
    ],
    [
      "a word off the enum",
      item({ id: "abc" }, { needed: "y", word: "c" }),
      "word",
      'expected one of "a", "b", got "c"',
    ],
    [
      "a bad value after good ones",
      item({ id: "abc" }, { needed: "y", size: "5", page: "2", word: "c" }),
      "word",
      'expected one of "a", "b", got "c"',
    ],
    [
      "text that only ends in digits",
      item({ id: "abc" }, { needed: "y", size: "x5" }),
      "size",
      'expected integer, got "x5"',
    ],
    [
      "a number as text under the minimum of a type list",
      item({ id: "abc" }, { needed: "y", page: "0" }),
      "page",
      "expected a value from 1 to ∞, got 0",
    ],
  ])("refuses %s before sending", async (_given, init, field, message) => {
    const { call, sent } = setup();
    const error = await call("GET", "/items/{id}", init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toContain(message);
    expect(sent).toEqual([]);
  });

  it("sends values the server reads as the declared types", async () => {
    const { call, sent } = setup();
    await call(
      "GET",
      "/items/{id}",
      item({ id: "abc" }, { needed: "y", size: "-5", ratio: "0.25", flag: "false", word: "b" }),
    );
    await call(
      "GET",
      "/items/{id}",
      item({ id: "abc" }, { needed: "y", page: "30", flag: "true" }),
    );
    await call("GET", "/items/{id}", item({ id: "abc" }, { needed: "y", flag: true, size: 50 }));
    expect(sent).toEqual([
      "GET https://api.test/items/abc?needed=y&size=-5&ratio=0.25&flag=false&word=b",
      "GET https://api.test/items/abc?needed=y&page=30&flag=true",
      "GET https://api.test/items/abc?needed=y&flag=true&size=50",
    ]);
  });

  it("checks a JSON body, and requires it when the operation does", async () => {
    const { call, sent } = setup();
    await expect(call("POST", "/items", { body: { name: 3 } })).rejects.toMatchObject({
      field: "name",
      message: expect.stringContaining("expected string, got 3"),
    });
    await expect(call("POST", "/items", {})).rejects.toMatchObject({
      field: "body",
      message: expect.stringContaining("is required"),
    });
    await expect(call("POST", "/items", { body: ["clip"] })).rejects.toMatchObject({
      field: "body",
      message: expect.stringContaining('expected object, got ["clip"]'),
    });
    expect(sent).toEqual([]);
    await call("POST", "/items", { body: { name: "clip" } });
    await call("PUT", "/items", {});
    expect(sent).toEqual(["POST https://api.test/items", "PUT https://api.test/items"]);
  });

  it("refuses a body that is not JSON where JSON is expected", async () => {
    const { call, sent } = setup();
    const error = await call("PUT", "/items", {
      body: "{not json",
      bodySerializer: (b: string) => b,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      field: "body",
      message: expect.stringContaining("expected a JSON body"),
    });
    expect(sent).toEqual([]);
  });

  it("leaves multipart bodies to the upload helpers", async () => {
    const { call, sent } = setup();
    await call("POST", "/uploads", { body: { anything: "x" }, bodySerializer: () => "--raw--" });
    expect(sent).toEqual(["POST https://api.test/uploads"]);
  });
});
