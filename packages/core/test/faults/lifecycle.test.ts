import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  AbortError,
  ClipKitError,
  ClipKitValidationError,
  ConnectionError,
  clientCredentials,
  createApiClient,
  createFetch,
  RedirectError,
  ResponseParseError,
  TimeoutError,
  unwrap,
  withRequestOptions,
} from "../../src/index.js";
import { paginateToken } from "../../src/internal.js";
import { json, ok, sequence, startServer, status, type TestServer } from "../helpers/server.js";
import { recordedDelays, testVendor } from "../helpers/vendor.js";

// Each case reproduces a failure seen on the old pipeline, against a local server that
// misbehaves the way real ones do. Every test is bounded in time by its own timeouts.

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** Headers and half a JSON body, then the connection is reset. */
const resetMidBody = () => (res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
  res.write('{"items": [1, 2');
  setTimeout(() => res.socket?.destroy(), 20);
};

/** Headers and half a body, then nothing, ever. */
const stallMidBody =
  (statusCode = 200, contentType = "application/json") =>
  (res: ServerResponse) => {
    res.writeHead(statusCode, { "content-type": contentType, "content-length": "100" });
    res.write('{"items": [1, 2');
  };

const client = (url: string, options: Record<string, unknown> = {}) =>
  createApiClient<Record<string, never>>({
    baseUrl: url,
    vendor: testVendor,
    ...recordedDelays(),
    ...options,
  });

// biome-ignore lint/suspicious/noExplicitAny: paths outside the (empty) typed paths.
const get = (c: ReturnType<typeof client>, path: string, init: object = {}): any =>
  (c.GET as unknown as (p: string, i: object) => Promise<unknown>)(path, init);

describe("1. a body that breaks off", () => {
  it("a reset while the body is read is retried for a GET, and then succeeds", async () => {
    const s = await serve(sequence(resetMidBody(), ok({ items: [1, 2, 3] })));
    const { data } = await get(client(s.url), "/x");
    expect(data).toEqual({ items: [1, 2, 3] });
    expect(s.received).toHaveLength(2);
  });

  it("without retries left, it is a ConnectionError, not a bare TypeError", async () => {
    const s = await serve(sequence(resetMidBody()));
    const failure = await get(client(s.url, { maxRetries: 0 }), "/x").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect((failure as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/x failed/);
  });

  it("a caller abort while the body is read is an AbortError", async () => {
    const controller = new AbortController();
    // The abort comes once half the body is out, so it always lands in the body read.
    const s = await serve((_req, res) => {
      stallMidBody()(res);
      setTimeout(() => controller.abort(new Error("user left")), 50);
    });
    const failure = await get(client(s.url), "/x", { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AbortError);
    expect(s.received).toHaveLength(1);
  });
});

describe("2. a 2xx whose body is not what was promised", () => {
  it.each([
    { given: "malformed JSON", type: "application/json", body: '{"items": [1,' },
    { given: "an HTML page", type: "text/html", body: "<html><body>Proxy login</body></html>" },
  ])("$given is a ResponseParseError with an excerpt", async ({ type, body }) => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": type });
      res.end(body);
    });
    const failure = await get(client(s.url), "/x").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResponseParseError);
    expect(failure).toBeInstanceOf(ClipKitError);
    expect((failure as ResponseParseError).status).toBe(200);
    expect((failure as ResponseParseError).snippet).toBeTruthy();
  });

  it("an empty 200 in a listing is a ResponseParseError, not a TypeError", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "0" });
      res.end();
    });
    const c = client(s.url);
    const pages = paginateToken(
      (token) => unwrap(get(c, "/list", { params: { query: { token } } })),
      {
        items: (page: { items: number[] }) => page.items,
        nextToken: () => undefined,
      },
    );
    const failure = await (async () => {
      for await (const _ of pages) {
        // no items expected
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResponseParseError);
  });
});

describe("3. a server that stalls mid-body", () => {
  it("a JSON body is bounded by timeoutMs", async () => {
    const s = await serve(sequence(stallMidBody()));
    const started = Date.now();
    const failure = await get(client(s.url, { timeoutMs: 200, maxRetries: 0 }), "/x").catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("an error body is bounded by timeoutMs too", async () => {
    const s = await serve(sequence(stallMidBody(500)));
    const failure = await get(client(s.url, { timeoutMs: 200, maxRetries: 0 }), "/x").catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(TimeoutError);
  });

  it("a streamed body fails after idleTimeoutMs without a byte", async () => {
    const s = await serve(sequence(stallMidBody(200, "video/mp4")));
    const fetch = createFetch({ baseUrl: s.url, vendor: testVendor, idleTimeoutMs: 200 });
    const response = await fetch(`${s.url}/clip.mp4`);
    const failure = await response.arrayBuffer().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TimeoutError);
    expect((failure as Error).message).toMatch(/no data for 200 ms/);
  });

  it("a streamed body that keeps moving is not cut off by timeoutMs", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "video/mp4" });
      let n = 0;
      const tick = setInterval(() => {
        res.write(Buffer.alloc(1000));
        if (++n === 6) {
          clearInterval(tick);
          res.end();
        }
      }, 50);
    });
    const fetch = createFetch({ baseUrl: s.url, vendor: testVendor, timeoutMs: 100 });
    const response = await fetch(`${s.url}/clip.mp4`);
    expect((await response.arrayBuffer()).byteLength).toBe(6000);
  });
});

describe("4. the token request is part of the call", () => {
  async function tokenServer(handler: Parameters<typeof startServer>[0]) {
    return serve(handler);
  }

  it("a stalled token endpoint is bounded by the call's timeoutMs", async () => {
    const tokens = await tokenServer(() => {
      // never answers
    });
    const api = await serve(sequence(ok()));
    const auth = clientCredentials({ tokenUrl: tokens.url, clientId: "id", clientSecret: "s" });
    const started = Date.now();
    const failure = await get(client(api.url, { auth, timeoutMs: 200, maxRetries: 0 }), "/x").catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(api.received).toHaveLength(0);
  });

  it("a caller abort takes effect while the token is awaited", async () => {
    const tokens = await tokenServer(() => {
      // never answers
    });
    const api = await serve(sequence(ok()));
    const auth = clientCredentials({ tokenUrl: tokens.url, clientId: "id", clientSecret: "s" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const failure = await get(client(api.url, { auth }), "/x", { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("a 503 from the token endpoint is retried", async () => {
    const tokens = await tokenServer(
      sequence(status(503), ok({ access_token: "tok-1", expires_in: 3600 })),
    );
    const api = await serve(sequence(ok()));
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "id",
      clientSecret: "s",
      ...recordedDelays(),
    });
    await get(client(api.url, { auth }), "/x");
    expect(tokens.received).toHaveLength(2);
    expect(api.received[0]?.headers.authorization).toBe("Bearer tok-1");
  });

  it("a token shorter-lived than the refresh margin is still reused", async () => {
    const tokens = await tokenServer((_req, res, index) =>
      json(res, 200, { access_token: `tok-${index + 1}`, expires_in: 1 }),
    );
    const api = await serve(sequence(ok()));
    // A clock that moves 20 ms each time it is read, whatever the load: 10 calls stay inside the
    // half of the 1 s lifetime that the token is served for.
    let clock = 0;
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "id",
      clientSecret: "s",
      now: () => (clock += 20),
    });
    const c = client(api.url, { auth });
    for (let i = 0; i < 10; i++) await get(c, "/x");
    expect(tokens.received).toHaveLength(1);
  });
});

describe("5. options are checked when the client is made", () => {
  it.each([
    { option: "maxRetries", value: Number.NaN },
    { option: "maxRetries", value: -1 },
    { option: "maxRetries", value: 1.5 },
    { option: "timeoutMs", value: Number.POSITIVE_INFINITY },
    { option: "timeoutMs", value: 2 ** 31 },
    { option: "timeoutMs", value: 0 },
    { option: "idleTimeoutMs", value: Number.NaN },
    { option: "maxRetryWaitMs", value: -5 },
  ])("$option: $value throws a ClipKitValidationError naming it", ({ option, value }) => {
    let failure: unknown;
    try {
      client("http://127.0.0.1:9", { [option]: value });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as ClipKitValidationError).field).toBe(option);
  });

  it("a per-request override out of range is refused before anything is sent", async () => {
    const s = await serve(sequence(ok()));
    const failure = await (async () =>
      get(client(s.url), "/x", withRequestOptions({}, { maxRetries: Number.NaN })))().catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect(s.received).toHaveLength(0);
  });
});

describe("6. which methods are retried on what", () => {
  const post = (c: ReturnType<typeof client>) =>
    (c.POST as unknown as (p: string, i: object) => Promise<{ response: Response }>)("/x", {
      body: { a: 1 },
    });

  it("a 429 on POST is retried: the request was not processed", async () => {
    const s = await serve(sequence(status(429, {}, { "retry-after": "1" }), ok()));
    const wait = recordedDelays();
    const { response } = await post(client(s.url, wait));
    expect(response.status).toBe(200);
    expect(s.received).toHaveLength(2);
    expect(s.received[1]?.body).toBe('{"a":1}');
    expect(wait.delays).toEqual([1000]);
  });

  it("a 503 on POST is not retried without retryPost", async () => {
    const s = await serve(sequence(status(503), ok()));
    const { response } = await post(client(s.url));
    expect(response.status).toBe(503);
    expect(s.received).toHaveLength(1);
  });

  it("the total wait between retries is capped by maxRetryWaitMs", async () => {
    const s = await serve(sequence(status(429, {}, { "retry-after": "30" })));
    const wait = recordedDelays();
    const { response } = await post(
      client(s.url, { ...wait, maxRetries: 5, maxRetryWaitMs: 45_000 }),
    );
    expect(response.status).toBe(429);
    expect(wait.delays).toEqual([30_000]);
    expect(s.received).toHaveLength(2);
  });
});

describe("8. a malformed token never appears in an error", () => {
  it("a token with a newline is refused before sending, and not quoted", async () => {
    const s = await serve(sequence(ok()));
    const token = "tok-SECRET-123\nInjected: yes";
    const c = client(s.url, {
      auth: {
        authorize: async (r: Request) => {
          r.headers.set("Authorization", `Bearer ${token}`);
          return r;
        },
      },
    });
    const failure = await get(c, "/x").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitError);
    const everything = [
      (failure as Error).message,
      String(failure),
      inspect(failure),
      (failure as Error).stack,
      JSON.stringify(failure),
    ].join("\n");
    expect(everything).not.toContain("SECRET");
    expect(s.received).toHaveLength(0);
  });
});

describe("9. a redirect loop", () => {
  it("is a RedirectError and is not retried", async () => {
    const s = await serve((req, res) => {
      res.writeHead(302, { location: req.url === "/a" ? "/b" : "/a" });
      res.end();
    });
    const failure = await get(client(s.url), "/a").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RedirectError);
    // fetch follows at most 20 redirects: one chain, not one per retry.
    expect(s.received.length).toBeLessThanOrEqual(21);
  });
});
