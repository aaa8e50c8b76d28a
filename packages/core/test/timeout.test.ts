import { afterEach, describe, expect, it } from "vitest";
import { AbortError, createFetch, TimeoutError, withRequestOptions } from "../src/index.js";
import { ok, sequence, startServer, status, type TestServer } from "./helpers/server.js";
import { testVendor } from "./helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers after `ms`, so a short timeout or an abort wins. */
const slow = (ms: number) => sequence((res) => setTimeout(() => ok()(res), ms));

describe("timeouts and aborts", () => {
  it("a slow attempt throws TimeoutError, distinct from AbortError", async () => {
    server = await startServer(slow(2_000));
    const fetch = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      timeoutMs: 50,
      maxRetries: 0,
    });
    const error = await fetch(server.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(AbortError);
    expect((error as Error).message).toMatch(/timed out after 50 ms/);
  });

  it("a timeout counts as a retryable failure for idempotent requests", async () => {
    server = await startServer((_req, res, index) => (index === 0 ? undefined : ok()(res)));
    const fetch = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      // Long enough that the second, prompt answer always arrives in time on a loaded machine.
      timeoutMs: 1_000,
      sleep: async () => {},
    });
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(2);
  });

  it("a per-request timeoutMs overrides the client's", async () => {
    server = await startServer(slow(300));
    const fetch = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      timeoutMs: 20,
      maxRetries: 0,
    });
    const response = await fetch(server.url, withRequestOptions({}, { timeoutMs: 5_000 }));
    expect(response.status).toBe(200);
  });

  it("the caller's abort throws AbortError (name 'AbortError'), not TimeoutError", async () => {
    const controller = new AbortController();
    const answerLate = slow(2_000);
    // The abort comes once the server has the request, however loaded the machine is.
    server = await startServer((req, res, index) => {
      answerLate(req, res, index);
      setTimeout(() => controller.abort(), 50);
    });
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor, timeoutMs: 10_000 });
    const error = await fetch(server.url, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as Error).name).toBe("AbortError");
    expect(server.received).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    server = await startServer(slow(0));
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor });
    await expect(fetch(server.url, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(server.received).toHaveLength(0);
  });

  it("aborting during a backoff wait rejects at once, without another attempt", async () => {
    // Retry-After asks for 30 s; the abort after 50 ms must end the wait promptly.
    const controller = new AbortController();
    const busy = status(503, "busy", { "retry-after": "30" });
    // The abort comes once the answer is out, so it always lands in the wait.
    server = await startServer((_req, res) => {
      busy(res);
      setTimeout(() => controller.abort(), 50);
    });
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor });
    const started = Date.now();
    const error = await fetch(server.url, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.received).toHaveLength(1);
  });
});
