import { getEventListeners } from "node:events";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ApiError,
  ClipKitValidationError,
  createApiClient,
  DownloadChangedError,
  IncompleteDownloadError,
  NotFoundError,
  PaginationLoopError,
  RedirectError,
  ResponseParseError,
  TimeoutError,
  unwrap,
} from "../src/index.js";
import { abortable, bodySnippet, createPipeline } from "../src/internal.js";
import { resolveLogger } from "../src/logger.js";
import { paginateToken } from "../src/paginate.js";
import { isDotSegment } from "../src/path-segment.js";
import { assertCredentialTransport, isLoopbackHost } from "../src/pipeline/credentials.js";
import { isReplayable } from "../src/pipeline/replayable-body.js";
import { checkRequestOptions } from "../src/pipeline/request-options.js";
import { parseRetryAfter, serverRequestedDelay } from "../src/pipeline/retry-decision.js";
import { poll } from "../src/poll.js";
import { guardedQuerySerializer } from "../src/query-guard.js";
import { userAgent } from "../src/user-agent.js";
import { defaultErrorFromBody } from "../src/vendor.js";
import { VERSION } from "../src/version.js";
import { sequence, startServer, status, type TestServer } from "./helpers/server.js";
import { recordedDelays, testVendor } from "./helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

describe("Retry-After and the vendor's rate-limit headers", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads delta-seconds with a fraction, and never a negative wait", () => {
    expect(parseRetryAfter("1.25", now)).toBe(1250);
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("   ", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now) ?? 0).toBeGreaterThanOrEqual(0);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
  });

  it("without Retry-After, the vendor's retry-after or reset time counts, never below 0", () => {
    const vendor = (info: object) => ({ ...testVendor, rateLimitFromHeaders: () => info });
    const none = new Headers();
    expect(serverRequestedDelay(none, vendor({ retryAfterMs: 1500 }), now)).toBe(1500);
    expect(serverRequestedDelay(none, vendor({ retryAfterMs: -20 }), now)).toBe(0);
    expect(serverRequestedDelay(none, vendor({ resetAt: now + 700 }), now)).toBe(700);
    expect(serverRequestedDelay(none, vendor({ resetAt: now - 700 }), now)).toBe(0);
    expect(serverRequestedDelay(none, vendor({}), now)).toBeUndefined();
  });
});

describe("the retry budget", () => {
  it("a wait that exactly fills maxRetryWaitMs is still made", async () => {
    server = await startServer(
      sequence(status(503, {}, { "retry-after": "1" }), (res) => res.end("{}")),
    );
    const wait = recordedDelays();
    const pipeline = createPipeline({
      baseUrl: server.url,
      vendor: testVendor,
      ...wait,
      maxRetryWaitMs: 1000,
    });
    const response = await pipeline.fetch(`${server.url}/x`);
    expect(response.status).toBe(200);
    expect(wait.delays).toEqual([1000]);
  });

  it("the debug line of a retry numbers it from 1", async () => {
    server = await startServer(sequence(status(503), (res) => res.end("{}")));
    const lines: [string, Record<string, unknown> | undefined][] = [];
    const pipeline = createPipeline({
      baseUrl: server.url,
      vendor: testVendor,
      ...recordedDelays(),
      logger: { debug: (msg, fields) => lines.push([msg, fields]) },
    });
    await pipeline.fetch(`${server.url}/x`);
    const retry = lines.find(([msg]) => msg.includes("retrying in"));
    expect(retry?.[1]).toMatchObject({ attempt: 1 });
  });
});

describe("poll", () => {
  it("tells timedOut how long it waited, measured from the start", async () => {
    const started = Date.now();
    const error = await poll(
      {
        check: async () => ({ done: false, seen: "still running" }),
        timedOut: (info) => Object.assign(new Error("gave up"), info),
      },
      { timeoutMs: 150, intervalMs: 100 },
    ).catch((e: unknown) => e);
    const waited = (error as { waitedMs: number }).waitedMs;
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThanOrEqual(Date.now() - started);
    expect(error).toMatchObject({ lastSeen: "still running" });
  });

  it("leaves no timer behind once done (a script would wait for it before exiting)", async () => {
    vi.useFakeTimers();
    const value = await poll(
      { check: async () => ({ done: true, value: 7 }), timedOut: () => new Error("x") },
      { timeoutMs: 60_000 },
    );
    expect(value).toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("paginateToken", () => {
  it("a page that is null is a ResponseParseError naming the page", async () => {
    const pages = [{ items: [1], next: "t2" }, null];
    const listing = paginateToken(async () => pages.shift() as { items: number[]; next: string }, {
      items: (p) => p.items,
      nextToken: (p) => p.next,
    });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const item of listing) seen.push(item);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toContain("page 2 of the listing came back without a body");
  });
});

describe("query values that cannot be sent", () => {
  const refusal = (query: Record<string, unknown>) => {
    try {
      guardedQuerySerializer()(query);
    } catch (error) {
      return error as ClipKitValidationError;
    }
    return undefined;
  };

  it.each([
    ["a lone surrogate in a value", { q: "a\uD800" }],
    ["a lone surrogate in a name", { "q\uDC00": "a" }],
    ["a lone surrogate in a list", { ids: ["ok", "\uD800"] }],
    ["a lone surrogate in an object's key", { filter: { "k\uD800": "v" } }],
    ["a lone surrogate in an object's value", { filter: { k: "\uD800" } }],
  ])("%s is refused, naming the parameter", (_given, query) => {
    const error = refusal(query);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error?.field).toBe(Object.keys(query)[0]);
    expect(error?.message).toContain("contains a lone UTF-16 surrogate");
  });

  it.each([
    ["an object in a list", { ids: [{ id: 1 }] }],
    ["a list in an object", { filter: { ids: [1, 2] } }],
    ["an object in an object", { filter: { range: { from: 1 } } }],
  ])("%s is refused as a typed error, not openapi-fetch's bare Error", (_given, query) => {
    const error = refusal(query);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error?.field).toBe(Object.keys(query)[0]);
    expect(error?.message).toContain("a query parameter takes one level");
  });

  it("one level of lists and objects, nulls included, is sent", () => {
    expect(
      refusal({ ids: ["a", null], filter: { from: 1, to: null }, none: null }),
    ).toBeUndefined();
    const query = { ids: ["a", "b"], filter: { from: 1 }, flag: true };
    expect(guardedQuerySerializer()(query)).toBe("ids=a&ids=b&filter[from]=1&flag=true");
  });
});

describe("dot segments", () => {
  it("a dot encoded ten times over is still a dot segment", () => {
    let value = ".";
    for (let i = 0; i < 10; i++) value = encodeURIComponent(value.replace(/\./g, "%2e"));
    expect(isDotSegment(value)).toBe(true);
    expect(isDotSegment("%25zz")).toBe(false);
  });
});

describe("credential transport and loopback hosts", () => {
  it("a URL that is not absolute is refused, quoted, naming the field", () => {
    const error = (() => {
      try {
        assertCredentialTransport("tokenUrl", "/oauth/token");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error).toMatchObject({ field: "tokenUrl" });
    expect((error as Error).message).toContain('not an absolute URL: "/oauth/token"');
  });

  it.each([
    ["127.10.200.1", true],
    ["127.0.10.1", true],
    ["127.0.0.100", true],
    ["a127.0.0.1", false],
    ["127.0.0.1.example.com", false],
  ])("%s is loopback: %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe("abortable", () => {
  it("once aborted, stays attached to nothing even while the promise never settles", async () => {
    const controller = new AbortController();
    const waiting = abortable(new Promise(() => {}), controller.signal);
    controller.abort(new AbortError("stop"));
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("error details", () => {
  it.each([PaginationLoopError, RedirectError, DownloadChangedError, TimeoutError])(
    "%o is named after its class",
    (ErrorClass) => {
      expect(new ErrorClass("x").name).toBe(ErrorClass.name);
    },
  );

  it("ResponseParseError and IncompleteDownloadError are named after their class", () => {
    expect(new ResponseParseError("x", 200, undefined, undefined).name).toBe("ResponseParseError");
    expect(new IncompleteDownloadError("x", 1, 2).name).toBe("IncompleteDownloadError");
  });

  it("inspect shows only the fields that are set", () => {
    const error = new ApiError({ status: 500, method: "GET", url: "https://api.test/x" });
    const shown = inspect(error);
    expect(shown).toContain("status: 500");
    expect(shown).not.toContain("undefined");
  });

  it("a message made of a code alone has no dangling separator", () => {
    const error = new ApiError({
      status: 400,
      method: "GET",
      url: "https://api.test/x",
      code: 124,
      apiMessage: "",
    });
    expect(error.message).toBe("400 from GET https://api.test/x: 124");
  });

  it("snippets keep words apart where tags and scripts were, and skip blank bodies", () => {
    expect(bodySnippet("a<script>x()</script>b")).toBe("a b");
    expect(bodySnippet("<b>bad</b><i>gateway</i>")).toBe("bad gateway");
    expect(bodySnippet(" \n ")).toBeUndefined();
  });

  it("an error body read by default keeps only what it has", () => {
    expect(defaultErrorFromBody({ message: "m" })).toStrictEqual({ message: "m" });
    expect(defaultErrorFromBody({ code: 3 })).toStrictEqual({ code: 3 });
  });

  it("a fetch of the caller's whose responses carry no URL still gives errors the request's", async () => {
    const client = createApiClient<Record<string, never>>({
      baseUrl: "https://api.test",
      vendor: testVendor,
      fetch: async () => new Response('{"message":"gone"}', { status: 404 }),
    });
    const get = client.GET as unknown as (p: string) => Promise<{ response: Response }>;
    const error = await unwrap(get("/things/1") as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ url: "https://api.test/things/1", method: "GET" });
  });
});

describe("per-request overrides", () => {
  it("a bad flag is refused quoting the value", () => {
    expect(() => checkRequestOptions({ stream: "yes" as unknown as boolean })).toThrow(
      'expected true or false, got "yes"',
    );
  });

  it("only the overrides given are set: spread over defaults, they replace nothing else", () => {
    const options = checkRequestOptions({ timeoutMs: 9 });
    expect(options).toStrictEqual({ timeoutMs: 9 });
    const merged = { maxRetries: 2, idleTimeoutMs: 5, retryPost: false, stream: false, ...options };
    expect(merged).toEqual({
      maxRetries: 2,
      idleTimeoutMs: 5,
      retryPost: false,
      stream: false,
      timeoutMs: 9,
    });
    expect(checkRequestOptions({ retryPost: true, stream: false })).toStrictEqual({
      retryPost: true,
      stream: false,
    });
    expect(checkRequestOptions({ maxRetries: 0, idleTimeoutMs: 7 })).toStrictEqual({
      maxRetries: 0,
      idleTimeoutMs: 7,
    });
  });
});

describe("request bodies sent again on a retry", () => {
  const url = "https://api.test/x";
  it("a stream given as the body is not replayable, a string is", () => {
    const stream = new ReadableStream();
    const init = { method: "POST", body: stream, duplex: "half" } as RequestInit;
    expect(isReplayable(new Request(url, init), init)).toBe(false);
    const text = { method: "POST", body: "x" };
    expect(isReplayable(new Request(url, text), text)).toBe(true);
  });

  it("an async iterable, or a stream without async iteration (a polyfill), is a stream", () => {
    const request = new Request(url, { method: "POST", body: "x" });
    async function* chunks() {
      yield new Uint8Array([1]);
    }
    expect(isReplayable(request, { body: chunks() as never })).toBe(false);
    expect(isReplayable(request, { body: { getReader() {} } as never })).toBe(false);
  });

  it("a runtime that does not say where a body came from is assumed replayable (bodies are teed)", () => {
    const foreign = { body: new ReadableStream() } as unknown as Request;
    expect(isReplayable(foreign, undefined)).toBe(true);
  });
});

describe("where the runtime has no process (browsers, workers)", () => {
  it("the user agent names no Node version", () => {
    expect(userAgent("@clipkit/x/1.0.0", {})).toBe(`@clipkit/x/1.0.0 clipkit-core/${VERSION}`);
    expect(userAgent("@clipkit/x/1.0.0", { version: "v20.1.0" })).toBe(
      `@clipkit/x/1.0.0 clipkit-core/${VERSION} node/v20.1.0`,
    );
    expect(userAgent("@clipkit/x/1.0.0")).toBe(
      `@clipkit/x/1.0.0 clipkit-core/${VERSION} node/${process.version}`,
    );
  });

  it("no environment means no console logger", () => {
    expect(resolveLogger(undefined, {})).toBeUndefined();
    expect(resolveLogger(undefined, { CLIPKIT_LOG: "info" })).toBeUndefined();
  });

  it("CLIPKIT_LOG=debug logs to stderr, with the fields only when there are some", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const logger = resolveLogger(undefined, { CLIPKIT_LOG: "debug" });
    logger?.debug("GET x -> 200", { status: 200 });
    logger?.debug("plain");
    expect(error.mock.calls).toEqual([
      ["[clipkit] GET x -> 200", { status: 200 }],
      ["[clipkit] plain"],
    ]);
  });
});
