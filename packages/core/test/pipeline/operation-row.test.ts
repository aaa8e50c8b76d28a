// A client given its generated tables finds each request's row once, in its one middleware: the
// pacer gets the category from `operations`, and validation runs only when the client asked
// for it (with its own table of schemas: a lean client carries none).
import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createApiClient } from "../../src/index.js";
import {
  type OperationTable,
  type Pacer,
  pipelineOf,
  type RequestSchemas,
  requestValidation,
} from "../../src/internal.js";
import { testVendor } from "../helpers/vendor.js";

const OPERATIONS: OperationTable = {
  "GET /items": { rateLimit: "MEDIUM" },
  "DELETE /items/{id}": { rateLimit: "LIGHT" },
};
const SCHEMAS: RequestSchemas = {
  "GET /items": { path: {}, query: { page_size: { schema: { type: "integer", maximum: 50 } } } },
  "DELETE /items/{id}": { path: {}, query: {} },
  // An operation with schemas and no row of its own: still checked.
  "GET /unpaced": { path: {}, query: { q: { required: true, schema: { type: "string" } } } },
};

function client(options: { validate: boolean }) {
  const sent: string[] = [];
  const api = createApiClient<never>({
    baseUrl: "https://api.test",
    vendor: testVendor,
    fetch: async (input) => {
      const request = input as Request;
      sent.push(`${request.method} ${request.url}`);
      return Response.json({});
    },
    operations: OPERATIONS,
    ...(options.validate ? { validation: requestValidation(SCHEMAS) } : {}),
  });
  const categories: Array<string | undefined> = [];
  const pacer: Pacer = {
    async acquire(category) {
      categories.push(category);
      return () => {};
    },
  };
  pipelineOf(api).pace(pacer);
  const call = api as unknown as Record<
    "GET" | "DELETE",
    (path: string, init?: object) => Promise<unknown>
  >;
  return { call, sent, categories };
}

describe("the operation's row, found once per request", () => {
  it("gives the pacer each operation's category, and none to a path outside the table", async () => {
    const { call, categories } = client({ validate: false });
    await call.GET("/items");
    await call.DELETE("/items/{id}", { params: { path: { id: "a" } } });
    await call.GET("/elsewhere");
    expect(categories).toEqual(["MEDIUM", "LIGHT", undefined]);
  });

  it("checks a request against the row only when the client was given validation", async () => {
    const loose = client({ validate: false });
    await loose.call.GET("/items", { params: { query: { page_size: 51 } } });
    expect(loose.sent).toEqual(["GET https://api.test/items?page_size=51"]);

    const strict = client({ validate: true });
    await expect(
      strict.call.GET("/items", { params: { query: { page_size: 51 } } }),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    await expect(strict.call.GET("/unpaced")).rejects.toMatchObject({ field: "q" });
    expect(strict.sent).toEqual([]);
    expect(strict.categories).toEqual([]);
  });

  it("still refuses a templated path called without path parameters, table or not", async () => {
    const { call, sent } = client({ validate: false });
    await expect(call.DELETE("/items/{id}")).rejects.toMatchObject({ field: "id" });
    expect(sent).toEqual([]);
  });
});

describe("the pacer's answer", () => {
  it("is told each answer, and a refusal there fails the call without reading the body", async () => {
    let cancelled = false;
    const api = createApiClient<never>({
      baseUrl: "https://api.test",
      vendor: testVendor,
      maxRetries: 0,
      operations: OPERATIONS,
      fetch: async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.enqueue(new TextEncoder().encode("{}"));
              controller.close();
            },
            cancel() {
              cancelled = true;
            },
          }),
          { status: 429, headers: { "content-type": "application/json" } },
        ),
    });
    const seen: number[] = [];
    const refusal = new Error("daily limit used up");
    pipelineOf(api).pace({
      async acquire() {
        return (response) => {
          seen.push(response.status);
          throw refusal;
        };
      },
    });
    const get = api.GET as unknown as (path: string) => Promise<unknown>;
    await expect(get("/items")).rejects.toBe(refusal);
    expect(seen).toEqual([429]);
    expect(cancelled).toBe(true);
  });
});
