import { getEventListeners } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import type { AuthProvider } from "../src/auth/provider.js";
import {
  AbortError,
  assertOk,
  ClipKitValidationError,
  ConnectionError,
  createFetch,
  ResponseParseError,
  TimeoutError,
  withRequestOptions,
} from "../src/index.js";
import { createPipeline, textOf } from "../src/internal.js";
import { json, ok, sequence, startServer, status, type TestServer } from "./helpers/server.js";
import { recordedDelays, testVendor } from "./helpers/vendor.js";

// The lifecycle's smaller promises, one rule a test: a caller's own fetch and the signal,
// per-request retry counts, the debug lines, and what a streamed answer holds for textOf.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Garbage collection on demand: what the lifecycle holds weakly must not decide an outcome.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Answers headers at once, then never finishes the JSON body. */
const hangingBody = () =>
  startServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("{");
  });

describe("a fetch of the caller's own", () => {
  it.each([
    [
      "reads the signal off the Request only",
      (input: RequestInfo | URL) => {
        const answer = fetch(input);
        // Once this returns, nothing of the caller's holds `input`.
        setTimeout(collectGarbage, 50);
        return answer;
      },
    ],
    [
      "reads the signal from init only",
      (input: RequestInfo | URL, init?: RequestInit) =>
        fetch((input as Request).url, { ...(init?.signal ? { signal: init.signal } : {}) }),
    ],
  ])("that %s is stopped by the time limit", async (_what, own) => {
    server = await hangingBody();
    const call = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      fetch: own as typeof fetch,
      timeoutMs: 150,
      maxRetries: 0,
    })(`${server.url}/x`);
    await expect(call).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe("a fetch of the caller's own, on a streamed body", () => {
  it("reading the signal off the Request only is still stopped by the idle limit", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "video/mp4" });
      res.write("first bytes");
    });
    const response = await createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      fetch: (input) => fetch(input),
      idleTimeoutMs: 150,
      maxRetries: 0,
    })(`${server.url}/video`);
    // The attempt is over: only the answer can keep its Request (and the abort's path) alive.
    setTimeout(collectGarbage, 20);
    await expect(response.arrayBuffer()).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe("per-request maxRetries", () => {
  it.each([
    [0, 3, 4],
    [2, 0, 1],
  ])("client %i, request %i: %i attempts", async (client, perRequest, attempts) => {
    server = await startServer(sequence(status(503)));
    const fetch = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      maxRetries: client,
      ...recordedDelays(),
    });
    const response = await fetch(
      `${server.url}/x`,
      withRequestOptions({}, { maxRetries: perRequest }),
    );
    expect(response.status).toBe(503);
    expect(server.received).toHaveLength(attempts);
  });
});

describe("debug lines", () => {
  const logged = () => {
    const lines: Array<[string, Record<string, unknown> | undefined]> = [];
    return {
      lines,
      logger: {
        debug: (msg: string, fields?: Record<string, unknown>) => lines.push([msg, fields]),
      },
    };
  };

  it("a connection failure: method, URL, attempt, duration and the error's name", async () => {
    server = await startServer((_req, res) => res.socket?.destroy());
    const { lines, logger } = logged();
    const url = `${server.url}/x?apikey=K`;
    await createFetch({ baseUrl: server.url, vendor: testVendor, logger, maxRetries: 0 })(
      url,
    ).catch(() => {});
    const shown = `${server.url}/x?apikey=REDACTED`;
    expect(lines).toHaveLength(1);
    const [msg, fields] = lines[0] ?? [];
    expect(msg).toBe(`GET ${shown} failed`);
    expect(fields).toMatchObject({
      method: "GET",
      url: shown,
      attempt: 1,
      error: "ConnectionError",
    });
    expect(typeof fields?.durationMs).toBe("number");
  });

  it("an auth failure says the credentials are refreshed once", async () => {
    server = await startServer(sequence(status(401), ok()));
    const { lines, logger } = logged();
    let asked = 0;
    await createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      logger,
      auth: {
        async authorize(request) {
          request.headers.set("Authorization", `Bearer t${++asked}`);
          return request;
        },
      },
    })(`${server.url}/x`);
    expect(lines.map(([msg]) => msg)).toEqual([
      `GET ${server.url}/x -> 401`,
      `GET ${server.url}/x auth failure: refreshing credentials once`,
      `GET ${server.url}/x -> 200`,
    ]);
    expect(lines[1]?.[1]).toEqual({ attempt: 1 });
    expect(server.received.map((r) => r.headers.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
  });
});

describe("textOf", () => {
  it("is the body of an answer read whole, and empty for a streamed one", async () => {
    server = await startServer((req, res) => {
      if (req.url === "/doc") return json(res, 200, { a: 1 });
      res.writeHead(200, { "content-type": "video/mp4" });
      res.end("bytes");
    });
    const pipeline = createPipeline({ baseUrl: server.url, vendor: testVendor });
    expect(textOf(await pipeline.fetch(`${server.url}/doc`))).toBe('{"a":1}');
    const streamed = await pipeline.fetch(`${server.url}/video`);
    expect(textOf(streamed)).toBe("");
    expect(await streamed.text()).toBe("bytes");
  });

  it("gives a vendor's isAuthFailure the parsed error body", async () => {
    server = await startServer(
      sequence(status(400, { code: 124, message: "Invalid token" }), ok()),
    );
    const seen: unknown[] = [];
    const response = await createFetch({
      baseUrl: server.url,
      vendor: {
        ...testVendor,
        isAuthFailure: (_response, body) => {
          seen.push(body);
          return (body as { code?: number } | null)?.code === 124;
        },
      },
      auth: {
        async authorize(request) {
          request.headers.set("Authorization", "Bearer t");
          return request;
        },
      },
    })(`${server.url}/x`);
    expect(seen).toEqual([{ code: 124, message: "Invalid token" }]);
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(2);
  });
});

/** An auth provider that records the context of every call. */
function recordingAuth(
  sign: (request: Request) => Request = (request) => request,
): AuthProvider & { calls: { forceRefresh: boolean }[] } {
  const calls: { forceRefresh: boolean }[] = [];
  return {
    calls,
    async authorize(request, ctx) {
      calls.push({ forceRefresh: ctx.forceRefresh });
      request.headers.set("Authorization", `Bearer t${calls.length}`);
      return sign(request);
    },
  };
}

describe("credentials in the lifecycle", () => {
  it("an own origin that may not receive credentials is refused by name", () => {
    let error: unknown;
    try {
      createPipeline({
        baseUrl: "https://api.example.test",
        ownOrigins: ["http://files.example.test"],
        vendor: testVendor,
        auth: recordingAuth(),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect((error as ClipKitValidationError).field).toBe("ownOrigins");
  });

  it("a call aborted before it starts asks for no credentials and sends nothing", async () => {
    server = await startServer(sequence(ok()));
    const auth = recordingAuth();
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor, auth });
    const call = fetch(`${server.url}/x`, { signal: AbortSignal.abort() });
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(auth.calls).toEqual([]);
    expect(server.received).toEqual([]);
  });

  it("forces one refresh after an auth failure, not on the retries after it", async () => {
    server = await startServer(sequence(status(401), status(503), ok()));
    const auth = recordingAuth();
    const fetch = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      auth,
      ...recordedDelays(),
    });
    expect((await fetch(`${server.url}/x`)).status).toBe(200);
    expect(auth.calls.map((c) => c.forceRefresh)).toEqual([false, true, false]);
  });

  it.each([
    { maxRetries: 0, steps: [401, 503], want: [503, [false, true], []] },
    { maxRetries: 1, steps: [401, 503, 200], want: [200, [false, true, false], [250]] },
  ])(
    "the refresh is not counted as a retry and waits for nothing (maxRetries $maxRetries)",
    async ({ maxRetries, steps, want }) => {
      server = await startServer(sequence(...steps.map((code) => status(code))));
      const auth = recordingAuth();
      const delays = recordedDelays();
      const fetch = createFetch({
        baseUrl: server.url,
        vendor: testVendor,
        auth,
        maxRetries,
        ...delays,
      });
      const response = await fetch(`${server.url}/x`);
      expect([response.status, auth.calls.map((c) => c.forceRefresh), delays.delays]).toEqual(want);
      expect(server.received).toHaveLength(steps.length);
    },
  );

  it("a provider that throws is not taken for a connection failure, nor retried", async () => {
    server = await startServer(sequence(ok()));
    let asked = 0;
    const fetch = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      ...recordedDelays(),
      auth: {
        async authorize() {
          asked++;
          throw new TypeError("the key store is locked");
        },
      },
    });
    const error = await fetch(`${server.url}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(asked).toBe(1);
    expect(server.received).toEqual([]);
  });

  it("an error shows the URL as the provider signed it, redacted", async () => {
    const auth = recordingAuth((request) => new Request(`${request.url}?sig=SECRET`, request));
    const fetch = createFetch({
      baseUrl: "https://api.example.test",
      vendor: { ...testVendor, redactQueryParams: ["sig"] },
      auth,
      // A fetch of the caller's may answer with a Response that has no url of its own.
      fetch: async () =>
        new Response('{"message":"gone"}', {
          status: 404,
          headers: { "content-type": "application/json" },
        }),
    });
    const error = await assertOk(await fetch("https://api.example.test/x")).catch(
      (e: unknown) => e,
    );
    expect((error as { url: string }).url).toBe("https://api.example.test/x?sig=REDACTED");
  });
});

describe("what reaches the wire", () => {
  it("init given with a Request wins over the Request's own method", async () => {
    server = await startServer(sequence(ok()));
    await createFetch({ baseUrl: server.url, vendor: testVendor })(new Request(`${server.url}/x`), {
      method: "DELETE",
    });
    expect(server.received[0]?.method).toBe("DELETE");
  });

  it("a HEAD of a video has no body to stream: its headers come back", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": "1000" });
      res.end();
    });
    const response = await createFetch({ baseUrl: server.url, vendor: testVendor })(server.url, {
      method: "HEAD",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("1000");
    expect(response.body).toBeNull();
  });

  it("a bodiless answer lets go of the caller's signal", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const caller = new AbortController();
    const url = server.url;
    // Through send(): a Request built with the caller's signal would add undici's own listener.
    await createPipeline({ baseUrl: url, vendor: testVendor }).send({
      method: "GET",
      url,
      build: () => new Request(url),
      replayable: true,
      signal: caller.signal,
    });
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});

describe("debug lines, timings", () => {
  it("durations are the time an attempt took, for answers and failures alike", async () => {
    server = await startServer(sequence(ok()));
    const fields: Record<string, unknown>[] = [];
    const logger = { debug: (_msg: string, f?: Record<string, unknown>) => f && fields.push(f) };
    await createFetch({ baseUrl: server.url, vendor: testVendor, logger })(server.url);
    await createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      logger,
      maxRetries: 0,
      fetch: async () => {
        throw "not an Error";
      },
    })(server.url).catch(() => {});
    expect(fields).toHaveLength(2);
    for (const f of fields) {
      expect(f.durationMs).toBeGreaterThanOrEqual(0);
      expect(f.durationMs).toBeLessThan(10_000);
    }
    expect(fields[1]?.error).toBe("unknown");
  });
});

describe("a body read whole", () => {
  it("gives a Blob typed as the answer was", async () => {
    server = await startServer(sequence(ok({ a: 1 })));
    const response = await createFetch({ baseUrl: server.url, vendor: testVendor })(server.url);
    const blob = await response.blob();
    expect(blob.type).toBe("application/json");
    expect(await blob.text()).toBe('{"a":1}');
  });

  it.each([
    ["application/json", "{oops", "malformed JSON"],
    ["text/html", "<html>", "text/html, not JSON"],
    [undefined, "plain", "no content type, not JSON"],
  ])(
    "json() of %s that is not JSON says so, with the parser's error as cause",
    async (type, body, kind) => {
      server = await startServer((_req, res) => {
        res.writeHead(200, type ? { "content-type": type } : {});
        res.end(body);
      });
      const response = await createPipeline({ baseUrl: server.url, vendor: testVendor }).fetch(
        `${server.url}/doc`,
        withRequestOptions({}, { stream: false }),
      );
      const error = await response.json().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseParseError);
      expect((error as Error).message).toBe(`GET ${server.url}/doc answered 200 with ${kind}`);
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    },
  );
});
