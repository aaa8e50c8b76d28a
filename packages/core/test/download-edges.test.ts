import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ClipKitValidationError,
  ConnectionError,
  DownloadChangedError,
  type DownloadProgress,
  IncompleteDownloadError,
  NotFoundError,
} from "../src/index.js";
import { createPipeline, followRedirects, openDownload, redirectTarget } from "../src/internal.js";
import { type Received, startServer, type TestServer } from "./helpers/server.js";
import { recordedDelays, testVendor } from "./helpers/vendor.js";

const FILE = Buffer.from("0123456789abcdefghijklmnopqrstuvwxyz");
const ETAG = '"v1"';
const CUT = 12;

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: Received, res: ServerResponse, index: number) => void) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function pipelineFor(server: TestServer, extra: { maxRetries?: number } = {}) {
  const debug: Array<[string, Record<string, unknown> | undefined]> = [];
  const delays = recordedDelays();
  const pipeline = createPipeline({
    baseUrl: server.url,
    vendor: testVendor,
    ...delays,
    logger: { debug: (msg, fields) => debug.push([msg, fields]) },
    ...extra,
  });
  return { pipeline, debug, delays: delays.delays };
}

/** A pipeline whose fetch answers every request with `respond()`; `calls` counts them. */
function pipelineAnswering(respond: () => Response) {
  const debug: string[] = [];
  let calls = 0;
  const pipeline = createPipeline({
    baseUrl: "https://files.example",
    vendor: testVendor,
    ...recordedDelays(),
    logger: { debug: (msg) => debug.push(msg) },
    fetch: async () => {
      calls++;
      return respond();
    },
  });
  return { pipeline, debug, calls: () => calls };
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Progress that tells the server once the client has taken the first CUT bytes. */
function cutWhenRead() {
  const read = deferred();
  return {
    read,
    onProgress: (p: DownloadProgress) => {
      if (p.bytesReceived >= CUT) read.resolve();
    },
  };
}

/** Sends FILE's first CUT bytes, then resets the connection once the client has read them. */
function breakAfterRead(res: ServerResponse, read: Promise<void>, headers: Record<string, string>) {
  res.writeHead(200, headers);
  res.write(FILE.subarray(0, CUT));
  void read.then(() => res.socket?.destroy());
}

/** A 206 for the whole file that ends cleanly after CUT bytes (chunked, so nothing breaks). */
function endShort(res: ServerResponse) {
  res.writeHead(206, {
    "content-range": `bytes 0-${FILE.length - 1}/${FILE.length}`,
    "transfer-encoding": "chunked",
    etag: ETAG,
  });
  res.end(FILE.subarray(0, CUT));
}

/** The rest of FILE from the request's Range, as a 206. */
function serveRest(req: Received, res: ServerResponse) {
  const from = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? "")?.[1]);
  res.writeHead(206, {
    "content-range": `bytes ${from}-${FILE.length - 1}/${FILE.length}`,
    "content-length": FILE.length - from,
    etag: ETAG,
  });
  res.end(FILE.subarray(from));
}

describe("the first request", () => {
  it.each([
    { offset: undefined, validator: undefined },
    { offset: 0, validator: ETAG },
  ])("from byte 0 sends neither Range nor If-Range ($validator)", async (options) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": FILE.length });
      res.end(FILE);
    });
    const download = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, options);
    expect(await bytesOf(download.stream)).toEqual(FILE);
    expect(server.received[0]?.headers.range).toBeUndefined();
    expect(server.received[0]?.headers["if-range"]).toBeUndefined();
  });

  it("is retried after a 503, like any GET", async () => {
    const server = await serve((req, res, index) => {
      if (index === 0) {
        res.writeHead(503, { "content-type": "application/json" });
        res.end("{}");
      } else serveRest({ ...req, headers: { range: "bytes=0-" } }, res);
    });
    const { pipeline, debug } = pipelineFor(server);
    const download = await openDownload(pipeline, `${server.url}/f`);
    expect(await bytesOf(download.stream)).toEqual(FILE);
    expect(server.received).toHaveLength(2);
    expect(debug[0]?.[0]).toBe(`GET ${server.url}/f -> 503`);
  });

  it("refuses a negative offset, naming the option", async () => {
    const server = await serve(() => {});
    const error = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
      offset: -1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error).toMatchObject({
      field: "offset",
      message: "offset: expected a whole number ≥ 0, got -1",
    });
  });
});

describe("a 416 answer", () => {
  it.each([
    { range: `bytes  */10`, offset: 10, finished: true },
    { range: "BYTES */10", offset: 10, finished: true },
    { range: "xbytes */10", offset: 10, finished: false },
    { range: "bytes */10x", offset: 10, finished: false },
    { range: "bytes */3", offset: 10, finished: false },
    { range: undefined, offset: 10, finished: false },
    // A 416 to a request without a Range is the server's error, whatever size it states.
    { range: "bytes */0", offset: 0, finished: false },
  ])(
    "with Content-Range $range at offset $offset: finished $finished",
    async ({ range, offset, finished }) => {
      const server = await serve((_req, res) => {
        res.writeHead(416, range ? { "content-range": range } : {});
        res.end();
      });
      const outcome = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
        offset,
      }).catch((e: unknown) => e);
      if (finished) {
        expect(outcome).toMatchObject({ start: offset, totalBytes: offset });
      } else {
        expect(outcome).toBeInstanceOf(ApiError);
        expect(outcome).toMatchObject({ status: 416, method: "GET" });
      }
    },
  );
});

describe("the answer's length and range", () => {
  it("a file without a Content-Length streams whole, its size unknown", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "transfer-encoding": "chunked" });
      res.end(FILE);
    });
    const download = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`);
    expect(download.totalBytes).toBeUndefined();
    expect(await bytesOf(download.stream)).toEqual(FILE);
  });

  it.each(["x36", "36x", "-5"])("a Content-Length of %s counts as unknown", async (length) => {
    const { pipeline } = pipelineAnswering(
      () => new Response(FILE, { headers: { "content-length": length } }),
    );
    const download = await openDownload(pipeline, "https://files.example/f");
    expect(download.totalBytes).toBeUndefined();
    expect(await bytesOf(download.stream)).toEqual(FILE);
  });

  it("a 206 whose total is * streams the range, the file's size unknown", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(206, { "content-range": `bytes 4-${FILE.length - 1}/*` });
      res.end(FILE.subarray(4));
    });
    const download = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
      offset: 4,
    });
    expect(download).toMatchObject({ start: 4, totalBytes: undefined });
    expect(await bytesOf(download.stream)).toEqual(FILE.subarray(4));
  });

  it("a 206 without a Content-Range is refused, saying so", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(206, {});
      res.end(FILE);
    });
    const error = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
      offset: 4,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect(error).toMatchObject({
      name: "IncompleteDownloadError",
      message: "206 answer without a usable Content-Range",
      bytesReceived: 0,
    });
  });

  it("a 206 starting elsewhere than asked says where each started", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(206, { "content-range": `bytes 0-${FILE.length - 1}/${FILE.length}` });
      res.end(FILE);
    });
    const error = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
      offset: 4,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("asked for bytes from 4, the server sent them from 0");
  });
});

describe("a body that ends short of its announced length", () => {
  it("is resumed from the last byte with Range and If-Range, logging the resume", async () => {
    const server = await serve((req, res, index) =>
      index === 0 ? endShort(res) : serveRest(req, res),
    );
    const { pipeline, debug, delays } = pipelineFor(server);
    const download = await openDownload(pipeline, `${server.url}/f`);
    expect(await bytesOf(download.stream)).toEqual(FILE);
    expect(server.received[1]?.headers).toMatchObject({ range: `bytes=${CUT}-`, "if-range": ETAG });
    expect(debug.filter(([msg]) => msg.startsWith("download"))).toEqual([
      [`download resuming from byte ${CUT}`, { delayMs: delays[0] }],
    ]);
  });

  it("with no retries left is an IncompleteDownloadError at the bytes received", async () => {
    const server = await serve((_req, res) => endShort(res));
    const { pipeline } = pipelineFor(server, { maxRetries: 0 });
    const download = await openDownload(pipeline, `${server.url}/f`);
    const error = await bytesOf(download.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect((error as IncompleteDownloadError).toJSON()).toEqual({
      name: "IncompleteDownloadError",
      message: `the download ended after ${CUT} of ${FILE.length} bytes`,
      bytesReceived: CUT,
      expectedBytes: FILE.length,
    });
    expect(server.received).toHaveLength(1);
  });

  it("after the caller aborted is not resumed", async () => {
    const caller = new AbortController();
    const { pipeline, debug, calls } = pipelineAnswering(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new Uint8Array(FILE.subarray(0, CUT)));
              controller.close();
            },
          }),
          {
            status: 206,
            headers: { "content-range": `bytes 0-${FILE.length - 1}/${FILE.length}`, etag: ETAG },
          },
        ),
    );
    const download = await openDownload(pipeline, "https://files.example/f", {
      signal: caller.signal,
    });
    const reader = download.stream.getReader();
    expect((await reader.read()).value?.byteLength).toBe(CUT);
    caller.abort(new Error("stop"));
    const error = await reader.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect(debug.filter((msg) => msg.startsWith("download"))).toEqual([]);
    expect(calls()).toBe(1);
  });
});

describe("a connection that breaks mid-body", () => {
  it("without a validator says why it cannot resume", async () => {
    const { read, onProgress } = cutWhenRead();
    const server = await serve((_req, res) =>
      breakAfterRead(res, read.promise, { "content-length": String(FILE.length) }),
    );
    const download = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
      onProgress,
    });
    const error = await bytesOf(download.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect((error as Error).message).toBe(
      "the connection broke and the server gave no ETag or Last-Modified to resume safely",
    );
  });

  it("of unknown length, with no retries left, says so and keeps the connection error as cause", async () => {
    const { read, onProgress } = cutWhenRead();
    const server = await serve((_req, res) =>
      breakAfterRead(res, read.promise, { "transfer-encoding": "chunked", etag: ETAG }),
    );
    const { pipeline } = pipelineFor(server, { maxRetries: 0 });
    const download = await openDownload(pipeline, `${server.url}/f`, { onProgress });
    const error = await bytesOf(download.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect((error as Error).message).toBe(`the download broke off after ${CUT} of ? bytes`);
    expect((error as Error).cause).toBeInstanceOf(ConnectionError);
  });

  it("when the file changed meanwhile is a DownloadChangedError, and not retried", async () => {
    const { read, onProgress } = cutWhenRead();
    const server = await serve((_req, res, index) => {
      if (index === 0) {
        breakAfterRead(res, read.promise, { "content-length": String(FILE.length), etag: ETAG });
      } else {
        res.writeHead(200, { "content-length": FILE.length, etag: '"v2"' });
        res.end(FILE);
      }
    });
    const download = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
      onProgress,
    });
    const error = await bytesOf(download.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadChangedError);
    expect(error).toMatchObject({
      name: "DownloadChangedError",
      message: `the file changed during the download (the server sent it whole instead of bytes ${CUT}-); start again from byte 0`,
    });
    expect(server.received).toHaveLength(2);
  });

  it("when the resume is answered 404 is a NotFoundError, and not retried", async () => {
    const { read, onProgress } = cutWhenRead();
    const server = await serve((_req, res, index) => {
      if (index === 0) {
        breakAfterRead(res, read.promise, { "content-length": String(FILE.length), etag: ETAG });
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 3001, message: "gone" }));
      }
    });
    const download = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
      onProgress,
    });
    const error = await bytesOf(download.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, method: "GET", apiMessage: "gone" });
    expect(server.received).toHaveLength(2);
  });

  it("when the resume starts elsewhere than asked is refused, not spliced", async () => {
    const { read, onProgress } = cutWhenRead();
    const server = await serve((_req, res, index) => {
      if (index === 0) {
        breakAfterRead(res, read.promise, { "content-length": String(FILE.length), etag: ETAG });
      } else {
        res.writeHead(206, { "content-range": `bytes 0-${FILE.length - 1}/${FILE.length}` });
        res.end(FILE);
      }
    });
    const download = await openDownload(pipelineFor(server).pipeline, `${server.url}/f`, {
      onProgress,
    });
    const error = await bytesOf(download.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect((error as Error).message).toBe(
      `asked for bytes from ${CUT}, the server sent them from 0`,
    );
    expect(server.received).toHaveLength(2);
  });
});

describe("the download stream", () => {
  function twoChunks(cancelled: unknown[] = []) {
    return pipelineAnswering(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new Uint8Array(FILE.subarray(0, CUT)));
              controller.enqueue(new Uint8Array(FILE.subarray(CUT)));
              controller.close();
            },
            cancel: (reason) => {
              cancelled.push(reason);
            },
          }),
          { headers: { "content-length": String(FILE.length) } },
        ),
    );
  }

  it("reads (and reports progress) only as the consumer takes bytes", async () => {
    const progress: DownloadProgress[] = [];
    const download = await openDownload(twoChunks().pipeline, "https://files.example/f", {
      onProgress: (p) => progress.push(p),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(progress).toEqual([]);
    const reader = download.stream.getReader();
    await reader.read();
    await new Promise((resolve) => setImmediate(resolve));
    expect(progress).toEqual([{ bytesReceived: CUT, totalBytes: FILE.length }]);
  });

  it("cancelled, cancels the body underneath with the reason", async () => {
    const cancelled: unknown[] = [];
    const download = await openDownload(twoChunks(cancelled).pipeline, "https://files.example/f");
    await download.stream.cancel("enough");
    expect(cancelled).toEqual(["enough"]);
  });
});

describe("redirects", () => {
  it.each(["https://cdn.example/f", "http://cdn.example/f"])("to %s are followed", (location) => {
    const response = new Response(null, { status: 302, headers: { location } });
    expect(redirectTarget(response, "https://api.example/x")?.toString()).toBe(location);
  });

  it("each redirect's body is cancelled before the next hop", async () => {
    const cancelled: unknown[] = [];
    const body = new ReadableStream({
      cancel: (reason) => {
        cancelled.push(reason);
      },
    });
    const first = new Response(body, { status: 302, headers: { location: "/next" } });
    const { url } = await followRedirects(first, "https://api.example/x", {
      send: async () => new Response("file"),
    });
    expect(url).toBe("https://api.example/next");
    expect(cancelled).toHaveLength(1);
  });
});
