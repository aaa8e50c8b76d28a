import { ReadableStream } from "node:stream/web";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectionError,
  createApiClient,
  createFetch,
  withRequestOptions,
} from "../../src/index.js";
import { parseRetryAfter } from "../../src/internal.js";
import { DEFAULT_BACKOFF, retryDelay } from "../../src/pipeline/retry-decision.js";
import {
  dropConnection,
  ok,
  sequence,
  startServer,
  status,
  type TestServer,
} from "../helpers/server.js";
import { recordedDelays, testVendor } from "../helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...steps: Parameters<typeof sequence>) {
  server = await startServer(sequence(...steps));
  return server;
}

describe("which answers are retried", () => {
  it.each([
    { given: 408, retried: true },
    { given: 429, retried: true },
    { given: 500, retried: true },
    { given: 502, retried: true },
    { given: 503, retried: true },
    { given: 504, retried: true },
    { given: 400, retried: false },
    { given: 401, retried: false },
    { given: 404, retried: false },
    { given: 501, retried: false },
  ])("$given -> retried: $retried", async ({ given, retried }) => {
    const s = await serve(status(given), ok());
    const wait = recordedDelays();
    const fetch = createFetch({ baseUrl: s.url, vendor: testVendor, ...wait });
    const response = await fetch(`${s.url}/x`);
    expect(response.status).toBe(retried ? 200 : given);
    expect(s.received).toHaveLength(retried ? 2 : 1);
  });
});

describe("retry count and backoff", () => {
  it("makes 1 + maxRetries attempts (default 2) with full-jitter exponential delays", async () => {
    const s = await serve(status(503));
    const wait = recordedDelays();
    const fetch = createFetch({ baseUrl: s.url, vendor: testVendor, ...wait });
    const response = await fetch(`${s.url}/x`);
    expect(response.status).toBe(503);
    expect(s.received).toHaveLength(3);
    // random() = 0.5: half of 500, then half of 1000.
    expect(wait.delays).toEqual([250, 500]);
  });

  it("honours a client maxRetries and a per-request override", async () => {
    const s = await serve(status(500));
    const wait = recordedDelays();
    const fetch = createFetch({ baseUrl: s.url, vendor: testVendor, maxRetries: 4, ...wait });
    await fetch(`${s.url}/x`);
    expect(s.received).toHaveLength(5);
    expect(wait.delays).toEqual([250, 500, 1000, 2000]);
    await fetch(`${s.url}/x`, withRequestOptions({}, { maxRetries: 0 }));
    expect(s.received).toHaveLength(6);
    // The option travels in a header that must never reach the server.
    expect(s.received[5]?.headers["x-clipkit-max-retries"]).toBeUndefined();
  });

  it.each([
    { retry: 1, random: 0.999, want: 499 },
    { retry: 3, random: 0.5, want: 1000 },
    { retry: 6, random: 0.999, want: 7992 }, // capped at 8 s
    { retry: 10, random: 0, want: 0 },
  ])("retryDelay($retry) with random $random = $want", ({ retry, random, want }) => {
    expect(retryDelay(retry, DEFAULT_BACKOFF, undefined, () => random)).toBe(want);
  });

  it("caps a server-requested wait at maxRetryAfterMs", () => {
    expect(retryDelay(1, DEFAULT_BACKOFF, 120_000, Math.random)).toBe(60_000);
    expect(retryDelay(1, { ...DEFAULT_BACKOFF, maxRetryAfterMs: 5_000 }, 9_000, Math.random)).toBe(
      5_000,
    );
  });
});

describe("Retry-After and vendor rate-limit headers", () => {
  it.each([
    { given: "3", want: 3_000 },
    { given: "0", want: 0 },
    { given: "1.5", want: 1_500 },
    { given: new Date(1_000_000 + 7_000).toUTCString(), want: 7_000 },
    { given: new Date(1_000_000 - 7_000).toUTCString(), want: 0 },
    { given: "soon", want: undefined },
  ])("parseRetryAfter($given) = $want", ({ given, want }) => {
    // HTTP dates have whole seconds; the clock is on a whole second too.
    expect(parseRetryAfter(given, 1_000_000)).toBe(want);
  });

  it("waits the Retry-After seconds instead of the backoff", async () => {
    const s = await serve(status(429, { message: "slow down" }, { "retry-after": "2" }), ok());
    const wait = recordedDelays();
    const response = await createFetch({ baseUrl: s.url, vendor: testVendor, ...wait })(s.url);
    expect(response.status).toBe(200);
    expect(wait.delays).toEqual([2_000]);
  });

  it("waits until a Retry-After HTTP date", async () => {
    const when = new Date(Date.now() + 30_000);
    const s = await serve(status(503, "busy", { "retry-after": when.toUTCString() }), ok());
    const wait = recordedDelays();
    await createFetch({ baseUrl: s.url, vendor: testVendor, ...wait })(s.url);
    expect(wait.delays).toHaveLength(1);
    // toUTCString drops the milliseconds, so the wait is within a second under 30 s.
    expect(wait.delays[0]).toBeGreaterThan(28_000);
    expect(wait.delays[0]).toBeLessThanOrEqual(30_000);
  });

  it("waits until the vendor's rate-limit reset when there is no Retry-After", async () => {
    const s = await serve(status(429, {}, { "x-reset": String(Date.now() + 10_000) }), ok());
    const wait = recordedDelays();
    const vendor = {
      ...testVendor,
      rateLimitFromHeaders: (h: Headers) => ({ resetAt: Number(h.get("x-reset")) }),
    };
    await createFetch({ baseUrl: s.url, vendor, ...wait })(s.url);
    expect(wait.delays[0]).toBeGreaterThan(9_000);
    expect(wait.delays[0]).toBeLessThanOrEqual(10_000);
  });
});

describe("methods and bodies", () => {
  it.each([
    { method: "GET", retryPost: undefined, attempts: 3 },
    { method: "PUT", retryPost: undefined, attempts: 3 },
    { method: "DELETE", retryPost: undefined, attempts: 3 },
    { method: "POST", retryPost: undefined, attempts: 1 },
    { method: "PATCH", retryPost: undefined, attempts: 1 },
    { method: "POST", retryPost: true, attempts: 3 },
    { method: "PATCH", retryPost: true, attempts: 3 },
  ])(
    "$method with retryPost=$retryPost: $attempts attempts",
    async ({ method, retryPost, attempts }) => {
      const s = await serve(status(503));
      const wait = recordedDelays();
      const fetch = createFetch({
        baseUrl: s.url,
        vendor: testVendor,
        ...wait,
        ...(retryPost ? { retryPost } : {}),
      });
      const body = method === "GET" || method === "DELETE" ? undefined : '{"a":1}';
      await fetch(`${s.url}/x`, { method, ...(body ? { body } : {}) });
      expect(s.received).toHaveLength(attempts);
      // A buffered body is replayed whole on every attempt.
      for (const r of s.received) expect(r.body).toBe(body ?? "");
    },
  );

  it("retries a POST when one request opts in", async () => {
    const s = await serve(status(502), ok());
    const fetch = createFetch({ baseUrl: s.url, vendor: testVendor, ...recordedDelays() });
    const response = await fetch(
      `${s.url}/x`,
      withRequestOptions({ method: "POST", body: "x" }, { retryPost: true }),
    );
    expect(response.status).toBe(200);
    expect(s.received).toHaveLength(2);
  });

  const streamBody = () =>
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("streamed"));
        controller.close();
      },
    }) as unknown as BodyInit;

  it.each([
    {
      given: "a Request built on a stream",
      make: (url: string) =>
        [
          new Request(url, { method: "PUT", body: streamBody(), duplex: "half" } as RequestInit),
        ] as const,
    },
    {
      given: "a stream in init",
      make: (url: string) =>
        [url, { method: "PUT", body: streamBody(), duplex: "half" } as RequestInit] as const,
    },
  ])("does not retry $given (it cannot be replayed)", async ({ make }) => {
    const s = await serve(status(503), ok());
    const fetch = createFetch({ baseUrl: s.url, vendor: testVendor, ...recordedDelays() });
    const response = await fetch(
      ...(make(`${s.url}/upload`) as unknown as [RequestInfo, RequestInit?]),
    );
    expect(response.status).toBe(503);
    expect(s.received).toHaveLength(1);
    expect(s.received[0]?.body).toBe("streamed");
  });
});

describe("connection errors", () => {
  it("retries a dropped connection and then succeeds", async () => {
    const s = await serve(dropConnection(), dropConnection(), ok({ n: 3 }));
    const wait = recordedDelays();
    const response = await createFetch({ baseUrl: s.url, vendor: testVendor, ...wait })(s.url);
    expect(await response.json()).toEqual({ n: 3 });
    expect(s.received).toHaveLength(3);
    expect(wait.delays).toEqual([250, 500]);
  });

  it("throws ConnectionError once the retries are spent", async () => {
    const s = await serve(dropConnection());
    const fetch = createFetch({
      baseUrl: s.url,
      vendor: testVendor,
      maxRetries: 1,
      ...recordedDelays(),
    });
    await expect(fetch(`${s.url}/x?sig=abc`)).rejects.toBeInstanceOf(ConnectionError);
    expect(s.received).toHaveLength(2);
  });

  it("does not retry a POST after a connection error", async () => {
    const s = await serve(dropConnection());
    const fetch = createFetch({ baseUrl: s.url, vendor: testVendor, ...recordedDelays() });
    await expect(fetch(s.url, { method: "POST", body: "x" })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(s.received).toHaveLength(1);
  });

  it("passes a custom fetch's own errors through untouched and unretried", async () => {
    class Custom extends Error {}
    let calls = 0;
    const fetch = createFetch({
      baseUrl: "http://127.0.0.1:9",
      vendor: testVendor,
      ...recordedDelays(),
      fetch: async () => {
        calls++;
        throw new Custom("mine");
      },
    });
    await expect(fetch("http://127.0.0.1:9/x")).rejects.toBeInstanceOf(Custom);
    expect(calls).toBe(1);
  });
});

describe("per-request options through an openapi-fetch client", () => {
  it("withRequestOptions reaches the pipeline and is stripped before sending", async () => {
    const s = await serve(status(503), status(503), ok());
    const client = createApiClient<Record<string, never>>({
      baseUrl: s.url,
      vendor: testVendor,
      ...recordedDelays(),
    });
    // biome-ignore lint/suspicious/noExplicitAny: an untyped path is enough here.
    const untyped = client as any;
    const first = await untyped.GET("/x", withRequestOptions({}, { maxRetries: 0 }));
    expect(first.response.status).toBe(503);
    expect(s.received).toHaveLength(1);
    const post = await untyped.POST(
      "/x",
      withRequestOptions({ body: { a: 1 } }, { retryPost: true }),
    );
    expect(post.response.status).toBe(200);
    expect(s.received.map((r) => r.body)).toEqual(["", '{"a":1}', '{"a":1}']);
    for (const r of s.received) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith("x-clipkit"))).toEqual([]);
    }
  });
});
