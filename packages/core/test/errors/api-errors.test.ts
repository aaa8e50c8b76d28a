import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  assertOk,
  BadRequestError,
  ClipKitError,
  ConflictError,
  createApiClient,
  createFetch,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  unwrap,
} from "../../src/index.js";
import { apiErrorFrom } from "../../src/internal.js";
import { json, startServer, type TestServer } from "../helpers/server.js";
import { testVendor } from "../helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface TestPaths {
  "/things/{id}": {
    get: {
      parameters: { path: { id: string } };
      responses: {
        200: { content: { "application/json": { id: string } } };
        default: { content: { "application/json": { code: number; message: string } } };
      };
    };
  };
}

describe("apiErrorFrom", () => {
  it.each([
    { status: 400, want: BadRequestError },
    { status: 401, want: AuthenticationError },
    { status: 403, want: PermissionDeniedError },
    { status: 404, want: NotFoundError },
    { status: 409, want: ConflictError },
    { status: 422, want: UnprocessableEntityError },
    { status: 429, want: RateLimitError },
    { status: 500, want: InternalServerError },
    { status: 503, want: InternalServerError },
    { status: 418, want: ApiError },
  ])("$status -> $want.name", ({ status, want }) => {
    const response = new Response("{}", { status });
    const error = apiErrorFrom(response, { code: 7, message: "nope" }, testVendor, "get");
    expect(error).toBeInstanceOf(want);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(ClipKitError);
    expect(error.name).toBe(want.name);
    expect(error.status).toBe(status);
    expect(error.method).toBe("GET");
    expect(error.code).toBe(7);
    expect(error.apiMessage).toBe("nope");
  });

  it.each([
    {
      given: { code: 1001, message: "User does not exist" },
      code: 1001,
      message: "User does not exist",
    },
    {
      given: { error: "invalid_grant", error_description: "expired" },
      code: "invalid_grant",
      message: "expired",
    },
    { given: "plain text", code: undefined, message: undefined },
    { given: undefined, code: undefined, message: undefined },
  ])("reads code/message from $given", ({ given, code, message }) => {
    const error = apiErrorFrom(new Response(null, { status: 400 }), given, testVendor, "GET");
    expect(error.code).toBe(code);
    expect(error.apiMessage).toBe(message);
  });

  it("uses the vendor's body reader, request-ID header and rate-limit headers", () => {
    const response = new Response(null, {
      status: 429,
      headers: { "x-request-id": "req-42", "x-limit": "30" },
    });
    const vendor = {
      ...testVendor,
      errorFromBody: (b: unknown) => ({ code: "E", message: String((b as { msg: string }).msg) }),
      rateLimitFromHeaders: (h: Headers) => ({ limit: Number(h.get("x-limit")) }),
    };
    const error = apiErrorFrom(response, { msg: "slow" }, vendor, "GET");
    expect(error).toMatchObject({
      code: "E",
      apiMessage: "slow",
      requestId: "req-42",
      rateLimit: { limit: 30 },
    });
  });

  it("turns an HTML page from a proxy into a typed error with a short snippet", () => {
    const html = `<html><head><style>body{}</style></head><body><h1>502 Bad Gateway</h1>${"<p>x</p>".repeat(200)}</body></html>`;
    const error = apiErrorFrom(new Response(html, { status: 502 }), html, testVendor, "GET");
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(502);
    expect(error.message).toContain("502 Bad Gateway");
    expect(error.message).not.toContain("<h1>");
    expect(error.message.length).toBeLessThan(400);
    expect(error.body).toBe(html);
  });
});

describe("errors as data and unwrap", () => {
  it("keeps openapi-fetch's { data, error } and makes unwrap throw the typed error", async () => {
    server = await startServer((req, res) =>
      req.url === "/things/1"
        ? json(res, 200, { id: "1" })
        : json(res, 404, { code: 1001, message: "no such thing" }, { "x-request-id": "r-9" }),
    );
    const client = createApiClient<TestPaths>({ baseUrl: server.url, vendor: testVendor });
    const found = await client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(found.data).toEqual({ id: "1" });
    const missing = await client.GET("/things/{id}", { params: { path: { id: "2" } } });
    expect(missing.error).toEqual({ code: 1001, message: "no such thing" });
    expect(missing.response.status).toBe(404);

    expect(await unwrap(client.GET("/things/{id}", { params: { path: { id: "1" } } }))).toEqual({
      id: "1",
    });
    const error = await unwrap(client.GET("/things/{id}", { params: { path: { id: "2" } } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: 1001,
      apiMessage: "no such thing",
      method: "GET",
      requestId: "r-9",
      url: `${server.url}/things/2`,
    });
  });

  it("gives a typed error for an HTML 502 through the client too", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>Bad Gateway</h1></body></html>");
    });
    const client = createApiClient<TestPaths>({
      baseUrl: server.url,
      vendor: testVendor,
      maxRetries: 0,
    });
    const error = (await unwrap(
      client.GET("/things/{id}", { params: { path: { id: "1" } } }),
    ).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toMatch(/^502 from GET .*: Bad Gateway$/);
  });

  it("assertOk does the same for createFetch callers", async () => {
    server = await startServer((_req, res) => json(res, 409, { code: "dup", message: "exists" }));
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor });
    const error = await assertOk(
      await fetch(`${server.url}/upload`, { method: "PUT", body: "x" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ method: "PUT", code: "dup", apiMessage: "exists" });
  });

  it("unwrap accepts a vendor for responses that did not come through a client", async () => {
    const result = Promise.resolve({
      error: { code: 5 },
      response: new Response(null, { status: 403, headers: { "x-request-id": "ext" } }),
    });
    await expect(unwrap(result, testVendor)).rejects.toMatchObject({
      name: "PermissionDeniedError",
      requestId: "ext",
      code: 5,
    });
  });
});
