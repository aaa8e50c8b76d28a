import { afterEach, describe, expect, it } from "vitest";
import { assertOk, ConnectionError, createFetch } from "../src/index.js";
import { parseRetryAfter } from "../src/internal.js";
import { ok, sequence, startServer, status, type TestServer } from "./helpers/server.js";
import { recordedDelays, testVendor } from "./helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("Retry-After", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it.each([
    { header: "0", ms: 0 },
    { header: "2", ms: 2_000 },
    { header: "17", ms: 17_000 },
    { header: " 120 ", ms: 120_000 },
    { header: "1.5", ms: 1_500 },
    { header: "Thu, 01 Jan 2026 00:00:30 GMT", ms: 30_000 },
    { header: "Wed, 31 Dec 2025 23:59:00 GMT", ms: 0 },
  ])("$header -> wait $ms ms", ({ header, ms }) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([null, "", "   ", "soon", "5s", "in 5 minutes"])(
    "%j -> no server-requested wait",
    (header) => {
      expect(parseRetryAfter(header, now)).toBeUndefined();
    },
  );

  it("a two-digit Retry-After on a 503 is waited whole before the retry", async () => {
    server = await startServer(sequence(status(503, {}, { "retry-after": "12" }), ok()));
    const wait = recordedDelays();
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor, ...wait });
    expect((await fetch(`${server.url}/x`)).status).toBe(200);
    expect(wait.delays).toEqual([12_000]);
  });
});

describe("idempotent methods are retried on a 503", () => {
  it("TRACE never reaches the lifecycle: fetch refuses it", async () => {
    const fetch = createFetch({ baseUrl: "http://127.0.0.1:1", vendor: testVendor });
    await expect(fetch("http://127.0.0.1:1/x", { method: "TRACE" })).rejects.toThrow(TypeError);
  });

  it.each(["HEAD", "OPTIONS", "GET", "PUT", "DELETE"])("%s: 3 attempts", async (method) => {
    server = await startServer((_req, res) => status(503)(res));
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor, ...recordedDelays() });
    const response = await fetch(`${server.url}/x`, { method });
    expect(response.status).toBe(503);
    expect(server.received.map((r) => r.method)).toEqual([method, method, method]);
  });
});

describe("network failures", () => {
  it("an error with a system code from a custom fetch is a ConnectionError, and retried", async () => {
    let calls = 0;
    const fetch = createFetch({
      baseUrl: "http://127.0.0.1:9",
      vendor: testVendor,
      ...recordedDelays(),
      fetch: async () => {
        calls++;
        throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
      },
    });
    const error = await fetch("http://127.0.0.1:9/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(
      "GET http://127.0.0.1:9/x failed: Error: read ECONNRESET",
    );
    expect((error as Error).cause).toMatchObject({ code: "ECONNRESET" });
    expect(calls).toBe(3);
  });
});

describe("assertOk", () => {
  it("returns a 2xx response itself, its body unread", async () => {
    server = await startServer((_req, res) => ok({ id: 7 })(res));
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor });
    const response = await fetch(`${server.url}/x`);
    const same = await assertOk(response);
    expect(same).toBe(response);
    expect(same.bodyUsed).toBe(false);
    expect(await same.json()).toEqual({ id: 7 });
  });
});
