// The validator's rules on a small spec of its own, one rule per case.
import { describe, expect, it } from "vitest";
import { createRequestValidator } from "../../src/spec/request-validator.js";

const spec = {
  openapi: "3.1.0",
  components: {
    schemas: { Item: { type: "object", required: ["n"], properties: { n: { type: "integer" } } } },
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "integer" } } },
    requestBodies: {
      Item: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
      },
    },
  },
  paths: {
    "/items": {
      get: {
        parameters: [
          { name: "limit", in: "query", schema: { type: "number", maximum: 10 } },
          { name: "flag", in: "query", schema: { type: "boolean" } },
          {
            name: "tag",
            in: "query",
            schema: { type: "array", items: { type: "string", maxLength: 2 } },
          },
          { name: "X-Trace", in: "header", required: true, schema: { type: "integer" } },
          { name: "session", in: "cookie", required: true, schema: { type: "string" } },
        ],
      },
      post: { requestBody: { $ref: "#/components/requestBodies/Item" } },
      put: { requestBody: { content: { "application/json": { schema: { type: "object" } } } } },
      patch: {
        requestBody: { required: true, content: { "text/plain": { schema: { type: "string" } } } },
      },
    },
    "/items/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: { parameters: [{ name: "q", in: "query", required: true, schema: { type: "string" } }] },
      delete: {},
    },
    "/items/special": { get: {} },
    "/a.b": { get: {} },
  },
};
const check = createRequestValidator(spec);
const q = (text = "") => new URLSearchParams(text);
const messages = (r: { violations: Array<{ message: string }> }) =>
  r.violations.map((v) => v.message);

describe("createRequestValidator rules", () => {
  it("coerces query strings to the schema's number and boolean types, as Prism does", () => {
    const headers = { "x-trace": "7" };
    expect(check("GET", "/items", q("limit=2.5&flag=true"), headers).violations).toEqual([]);
    expect(check("get", "/items", q("flag=false"), headers).violations).toEqual([]);
    expect(messages(check("GET", "/items", q("limit=11"), headers))).toEqual([
      "query parameter limit must be <= 10",
    ]);
    expect(messages(check("GET", "/items", q("limit="), headers))).toEqual([
      "query parameter limit must be number",
    ]);
    expect(messages(check("GET", "/items", q("limit=%20"), headers))).toEqual([
      "query parameter limit must be number",
    ]);
    expect(messages(check("GET", "/items", q("flag=yes"), headers))).toEqual([
      "query parameter flag must be boolean",
    ]);
    expect(messages(check("GET", "/items", q("flag=1"), headers))).toEqual([
      "query parameter flag must be boolean",
    ]);
  });

  it("reads every value of an array query parameter, only the first of the others", () => {
    const headers = { "x-trace": "1" };
    expect(check("GET", "/items", q("tag=ab&tag=cd"), headers).violations).toEqual([]);
    const long = check("GET", "/items", q("tag=ab&tag=cde"), headers).violations;
    expect(long).toEqual([
      {
        location: ["query", "tag"],
        severity: "Error",
        code: "maxLength",
        message: "query parameter tag/1 must NOT have more than 2 characters",
      },
    ]);
    expect(check("GET", "/items", q("limit=1&limit=99"), headers).violations).toEqual([]);
  });

  it("checks headers by their lower-cased name, and requires required ones", () => {
    expect(check("GET", "/items", q(), { "x-trace": "12" }).violations).toEqual([]);
    expect(messages(check("GET", "/items", q(), { "x-trace": "abc" }))).toEqual([
      "header parameter x-trace must be integer",
    ]);
    expect(check("GET", "/items", q(), {}).violations).toEqual([
      {
        location: ["header", "x-trace"],
        severity: "Error",
        code: "required",
        message: "header parameter x-trace is required",
      },
    ]);
  });

  it("takes path-level and $ref parameters, decodes and coerces path segments", () => {
    expect(check("GET", "/items/42", q("q=x"), {})).toEqual({
      template: "/items/{id}",
      violations: [],
    });
    expect(check("GET", "/items/%34%32", q("q=x"), {}).violations).toEqual([]);
    expect(check("GET", "/items/abc", q("q=x"), {}).violations).toEqual([
      {
        location: ["path", "id"],
        severity: "Error",
        code: "type",
        message: "path parameter id must be integer",
      },
    ]);
    expect(check("GET", "/items/42", q(), {}).violations).toEqual([
      {
        location: ["query", "q"],
        severity: "Error",
        code: "required",
        message: "query parameter q is required",
      },
    ]);
    expect(check("DELETE", "/items/abc", q(), {}).violations.map((v) => v.location)).toEqual([
      ["path", "id"],
    ]);
  });

  it("matches whole paths only, literal segments before parameters, dots literally", () => {
    expect(check("GET", "/items/special", q(), {})).toEqual({
      template: "/items/special",
      violations: [],
    });
    expect(check("GET", "/a.b", q(), {}).template).toBe("/a.b");
    expect(check("GET", "/aXb", q(), {}).template).toBeUndefined();
    expect(check("GET", "/items/1/more", q(), {}).violations[0]?.code).toBe(
      "NO_PATH_MATCHED_ERROR",
    );
    expect(check("GET", "/x/items", q(), {}).template).toBeUndefined();
    expect(check("GET", "/nope", q(), {})).toEqual({
      template: undefined,
      violations: [
        {
          location: ["request"],
          severity: "Error",
          code: "NO_PATH_MATCHED_ERROR",
          message: "no path of the spec matches /nope",
        },
      ],
    });
  });

  it("reports a method the path does not have", () => {
    expect(check("POST", "/items/1", q(), {})).toEqual({
      template: "/items/{id}",
      violations: [
        {
          location: ["request"],
          severity: "Error",
          code: "NO_METHOD_MATCHED_ERROR",
          message: "POST is not an operation of /items/{id}",
        },
      ],
    });
  });

  it("requires a required JSON body, checks it through $refs, and allows an optional one to be absent", () => {
    expect(check("POST", "/items", q(), {}, { n: 1 }).violations).toEqual([]);
    expect(check("POST", "/items", q(), {}).violations).toEqual([
      {
        location: ["body"],
        severity: "Error",
        code: "required",
        message: "request body is required",
      },
    ]);
    expect(check("POST", "/items", q(), {}, { n: "x" }).violations).toEqual([
      {
        location: ["body"],
        severity: "Error",
        code: "type",
        message: "request body/n must be integer",
      },
    ]);
    expect(check("POST", "/items", q(), {}, {}).violations[0]).toMatchObject({
      code: "required",
      message: "request body must have required property 'n'",
    });
    expect(check("PUT", "/items", q(), {}).violations).toEqual([]);
    expect(check("PUT", "/items", q(), {}, []).violations[0]?.message).toBe(
      "request body must be object",
    );
    // A body that is not JSON is not checked.
    expect(check("PATCH", "/items", q(), {}).violations).toEqual([]);
  });

  it("works on a spec without components or paths", () => {
    expect(
      createRequestValidator({ openapi: "3.1.0" })("GET", "/x", q(), {}).template,
    ).toBeUndefined();
  });
});
