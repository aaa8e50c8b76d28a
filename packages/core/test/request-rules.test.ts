// A package's additions to its generated schemas: extra rules (run on input the schema
// accepts) and message overrides (by operation or "*", by "field keyword" or field).
import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createApiClient } from "../src/index.js";
import {
  checkRequest,
  type RequestRules,
  type RequestSchemas,
  requestProblem,
  requestRules,
  requestValidation,
} from "../src/internal.js";
import { testVendor } from "./helpers/vendor.js";

const schemas: RequestSchemas = {
  "POST /items": {
    path: {},
    query: { page_size: { schema: { type: "integer", minimum: 1, maximum: 50 } } },
    body: {
      required: true,
      contentType: "application/json",
      schema: {
        type: "object",
        required: ["kind"],
        properties: {
          kind: { type: "string", enum: ["A", "B"] },
          tags: { type: "array", maxItems: 2, items: { type: "string" } },
        },
      },
    },
  },
  "GET /other": {
    path: {},
    query: { page_size: { schema: { type: "integer", minimum: 5 } } },
  },
};

const table: RequestRules = {
  extra: {
    "POST /items": ({ body }) =>
      (body as { kind: string }).kind === "B" && !(body as { tags?: unknown }).tags
        ? { field: "tags", message: "a B needs tags" }
        : undefined,
  },
  messages: {
    "*": { page_size: (p) => `page_size ${JSON.stringify(p.value)} is off (${p.keyword})` },
    "POST /items": {
      body: "an item must be an object",
      kind: (p) =>
        `kind: want ${(p.schema as { enum: string[] }).enum.join("/")}, got ${String(p.value)}`,
      "tags maxItems": (p) => `at most ${(p.schema as { maxItems: number }).maxItems} tags`,
    },
  },
};

const rules = requestRules(table);
const problem = (operation: string, input: object) =>
  requestProblem(schemas, operation, input, rules);

describe("requestProblem with a package's rules", () => {
  it("passes what the schema and the extra rules accept", () => {
    expect(problem("POST /items", { body: { kind: "A" } })).toBeUndefined();
    expect(problem("POST /items", { body: { kind: "B", tags: ["t"] } })).toBeUndefined();
  });

  it("runs the extra rule only on input the schema accepts", () => {
    expect(problem("POST /items", { body: { kind: "B" } })).toMatchObject({
      field: "tags",
      message: "a B needs tags",
    });
    expect(problem("POST /items", { body: { kind: "B", tags: [1] } })).toMatchObject({
      field: "tags[0]",
      message: "expected string, got 1",
    });
  });

  it("takes a field-and-keyword override before a field override", () => {
    expect(problem("POST /items", { body: { kind: "A", tags: ["a", "b", "c"] } })).toMatchObject({
      field: "tags",
      message: "at most 2 tags",
    });
    // No "tags type" override: the generic message stays.
    expect(problem("POST /items", { body: { kind: "A", tags: "a" } })).toMatchObject({
      message: 'expected array, got "a"',
    });
  });

  it("gives a field override the property's schema, also when the field is missing", () => {
    expect(problem("POST /items", { body: { kind: "C" } })?.message).toBe("kind: want A/B, got C");
    expect(problem("POST /items", { body: {} })?.message).toBe("kind: want A/B, got undefined");
  });

  it("names the whole body 'body', missing or of the wrong type", () => {
    for (const body of [undefined, null, [], "x"]) {
      expect(problem("POST /items", { body })).toMatchObject({
        field: "body",
        message: "an item must be an object",
      });
    }
  });

  it("applies '*' overrides to every operation, after the operation's own", () => {
    expect(problem("GET /other", { query: { page_size: 4 } })?.message).toBe(
      "page_size 4 is off (range)",
    );
    expect(
      problem("POST /items", { query: { page_size: "x" }, body: { kind: "A" } })?.message,
    ).toBe('page_size "x" is off (type)');
  });

  it("knows nothing of an operation outside the schemas", () => {
    expect(problem("DELETE /items", { body: 1 })).toBeUndefined();
  });

  it("keeps the generic message without rules", () => {
    expect(requestProblem(schemas, "GET /other", { query: { page_size: 4 } })?.message).toBe(
      "expected a value from 5 to ∞, got 4",
    );
  });

  it("throws the problem as a ClipKitValidationError with checkRequest", () => {
    expect(() => checkRequest(schemas, "POST /items", { body: { kind: "B" } }, rules)).toThrow(
      new ClipKitValidationError("tags", "a B needs tags"),
    );
  });
});

describe("requestValidation with a package's rules", () => {
  it("refuses with the override before anything is sent, and lets good input through", async () => {
    const sent: string[] = [];
    const client = createApiClient<never>({
      baseUrl: "https://api.test",
      auth: {
        async authorize(request) {
          sent.push(`token for ${request.url}`);
          return request;
        },
      },
      vendor: testVendor,
      fetch: async (input) => {
        sent.push((input as Request).url);
        return Response.json({});
      },
      validation: requestValidation(schemas, rules),
    });
    const post = client.POST as unknown as (path: string, init: object) => Promise<unknown>;
    await expect(post("/items", { body: { kind: "B" } })).rejects.toThrow(
      new ClipKitValidationError("tags", "a B needs tags"),
    );
    expect(sent).toEqual([]);
    await post("/items", { body: { kind: "B", tags: ["t"] } });
    expect(sent).toEqual(["token for https://api.test/items", "https://api.test/items"]);
  });
});
