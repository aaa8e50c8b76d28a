import { afterEach, describe, expect, it } from "vitest";
import {
  createFetch,
  createPipeline,
  TimeoutError,
  textOf,
  withRequestOptions,
} from "../src/index.js";
import { json, ok, sequence, startServer, status, type TestServer } from "./helpers/server.js";
import { recordedDelays, testVendor } from "./helpers/vendor.js";

// The lifecycle's smaller promises, one rule a test: a caller's own fetch and the signal,
// per-request retry counts, the debug lines, and what a streamed answer holds for textOf.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers headers at once, then never finishes the JSON body. */
const hangingBody = () =>
  startServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("{");
  });

describe("a fetch of the caller's own", () => {
  it.each([
    ["reads the signal off the Request only", (input: RequestInfo | URL) => fetch(input)],
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
    server = await startServer((req, res) =>
      req.url === "/doc"
        ? json(res, 200, { a: 1 })
        : (res.writeHead(200, { "content-type": "video/mp4" }), res.end("bytes")),
    );
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
