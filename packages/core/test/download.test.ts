import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ClipKitValidationError,
  DownloadChangedError,
  type DownloadProgress,
  IncompleteDownloadError,
  NotFoundError,
  RedirectError,
} from "../src/index.js";
import { createPipeline, openDownload } from "../src/internal.js";
import { type Received, startServer, type TestServer } from "./helpers/server.js";
import { recordedDelays, testVendor } from "./helpers/vendor.js";

const FILE = Buffer.from("0123456789abcdefghijklmnopqrstuvwxyz");
const ETAG = '"v1"';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: Received, res: ServerResponse, index: number) => void) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const rangeStart = (req: Received) =>
  Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? "")?.[1] ?? 0);

/** Serves FILE with an ETag, honouring `Range`; `breakAt` cuts the first answer off there. */
function fileHandler(
  options: { etag?: string | null; breakAt?: number; lastModified?: string } = {},
) {
  const etag = options.etag === undefined ? ETAG : options.etag;
  return (req: Received, res: ServerResponse, index: number) => {
    const from = rangeStart(req);
    const headers: Record<string, string | number> = {
      "content-type": "video/mp4",
      "content-length": FILE.length - from,
    };
    if (etag) headers.etag = etag;
    if (options.lastModified) headers["last-modified"] = options.lastModified;
    if (from > 0) headers["content-range"] = `bytes ${from}-${FILE.length - 1}/${FILE.length}`;
    res.writeHead(from > 0 ? 206 : 200, headers);
    if (index === 0 && options.breakAt !== undefined) {
      res.write(FILE.subarray(from, options.breakAt));
      setTimeout(() => res.socket?.destroy(), 50);
      return;
    }
    res.end(FILE.subarray(from));
  };
}

function pipelineFor(server: TestServer, extra: { maxRetries?: number } = {}) {
  return createPipeline({ baseUrl: server.url, vendor: testVendor, ...recordedDelays(), ...extra });
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("openDownload", () => {
  it("streams the whole file with its size, type, validator and progress", async () => {
    const server = await serve(fileHandler());
    const progress: DownloadProgress[] = [];
    const download = await openDownload(pipelineFor(server), `${server.url}/f.mp4`, {
      onProgress: (p) => progress.push(p),
    });
    expect(download).toMatchObject({
      url: `${server.url}/f.mp4`,
      start: 0,
      totalBytes: FILE.length,
      contentType: "video/mp4",
      validator: ETAG,
    });
    expect(await bytesOf(download.stream)).toEqual(FILE);
    expect(progress.at(-1)).toEqual({ bytesReceived: FILE.length, totalBytes: FILE.length });
    expect(server.received[0]?.headers["accept-encoding"]).toBe("identity");
    expect(server.received[0]?.headers.range).toBeUndefined();
  });

  it("continues from an offset with Range and If-Range, counting from the start of the file", async () => {
    const server = await serve(fileHandler());
    const progress: DownloadProgress[] = [];
    const download = await openDownload(pipelineFor(server), `${server.url}/f`, {
      offset: 10,
      validator: ETAG,
      onProgress: (p) => progress.push(p),
    });
    expect(download.start).toBe(10);
    expect(download.totalBytes).toBe(FILE.length);
    expect(await bytesOf(download.stream)).toEqual(FILE.subarray(10));
    expect(server.received[0]?.headers.range).toBe("bytes=10-");
    expect(server.received[0]?.headers["if-range"]).toBe(ETAG);
    expect(progress.at(-1)?.bytesReceived).toBe(FILE.length);
  });

  it("starts at 0 when the server ignores the Range and sends the whole file", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": FILE.length, etag: ETAG });
      res.end(FILE);
    });
    const download = await openDownload(pipelineFor(server), `${server.url}/f`, { offset: 5 });
    expect(download.start).toBe(0);
    expect(await bytesOf(download.stream)).toEqual(FILE);
  });

  it("a 416 at exactly the file's size is a finished download", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(416, { "content-range": `bytes */${FILE.length}` });
      res.end();
    });
    const download = await openDownload(pipelineFor(server), `${server.url}/f`, {
      offset: FILE.length,
    });
    expect(download).toMatchObject({ start: FILE.length, totalBytes: FILE.length });
    expect((await bytesOf(download.stream)).length).toBe(0);
  });

  it("a 416 for an offset past a smaller file is an ApiError", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(416, { "content-range": "bytes */3" });
      res.end();
    });
    const error = await openDownload(pipelineFor(server), `${server.url}/f`, { offset: 10 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(416);
  });

  it("a 404 is a NotFoundError with the API's message", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 3001, message: "no such file" }));
    });
    const error = await openDownload(pipelineFor(server), `${server.url}/f`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 3001, apiMessage: "no such file", method: "GET" });
  });

  it.each([-1, 1.5, Number.NaN])("refuses offset %s before any request", async (offset) => {
    const server = await serve(fileHandler());
    await expect(
      openDownload(pipelineFor(server), `${server.url}/f`, { offset }),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(server.received).toHaveLength(0);
  });

  it("uses Last-Modified as the validator when the ETag is weak", async () => {
    const lastModified = "Wed, 01 Jan 2025 00:00:00 GMT";
    const server = await serve(fileHandler({ etag: 'W/"weak"', lastModified }));
    const download = await openDownload(pipelineFor(server), `${server.url}/f`);
    expect(download.validator).toBe(lastModified);
    await download.stream.cancel();
  });

  it("a 206 starting elsewhere than asked is refused, not spliced", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(206, { "content-range": `bytes 0-${FILE.length - 1}/${FILE.length}` });
      res.end(FILE);
    });
    const error = await openDownload(pipelineFor(server), `${server.url}/f`, { offset: 4 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect(error).toMatchObject({ bytesReceived: 4, expectedBytes: FILE.length });
  });

  it("a 206 without a Content-Range is refused", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(206, {});
      res.end(FILE);
    });
    await expect(
      openDownload(pipelineFor(server), `${server.url}/f`, { offset: 4 }),
    ).rejects.toBeInstanceOf(IncompleteDownloadError);
  });
});

describe("a connection that breaks mid-body", () => {
  it("is resumed from the last byte with Range and If-Range, and the file arrives whole", async () => {
    const server = await serve(fileHandler({ breakAt: 12 }));
    const download = await openDownload(pipelineFor(server), `${server.url}/f`);
    expect(await bytesOf(download.stream)).toEqual(FILE);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]?.headers.range).toBe("bytes=12-");
    expect(server.received[1]?.headers["if-range"]).toBe(ETAG);
  });

  it("without a validator is an IncompleteDownloadError at the bytes received", async () => {
    const server = await serve(fileHandler({ etag: null, breakAt: 12 }));
    const download = await openDownload(pipelineFor(server), `${server.url}/f`);
    const error = await bytesOf(download.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect(error).toMatchObject({ bytesReceived: 12, expectedBytes: FILE.length });
    expect(server.received).toHaveLength(1);
  });

  it("when the file changed meanwhile is a DownloadChangedError", async () => {
    const server = await serve((req, res, index) => {
      res.writeHead(200, { "content-length": FILE.length, etag: index === 0 ? ETAG : '"v2"' });
      if (index === 0) {
        res.write(FILE.subarray(0, 12));
        setTimeout(() => res.socket?.destroy(), 50);
      } else res.end(FILE);
      void req;
    });
    const download = await openDownload(pipelineFor(server), `${server.url}/f`);
    await expect(bytesOf(download.stream)).rejects.toBeInstanceOf(DownloadChangedError);
  });

  it("with no retries left is an IncompleteDownloadError caused by the connection error", async () => {
    const server = await serve(fileHandler({ breakAt: 12 }));
    const download = await openDownload(pipelineFor(server, { maxRetries: 0 }), `${server.url}/f`);
    const error = await bytesOf(download.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect(error).toMatchObject({ bytesReceived: 12 });
    expect((error as Error).message).toBe(
      `the download broke off after 12 of ${FILE.length} bytes`,
    );
  });

  it("a body longer than announced is an IncompleteDownloadError", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(206, { "content-range": "bytes 0-3/36", "transfer-encoding": "chunked" });
      res.end(FILE);
    });
    const download = await openDownload(pipelineFor(server), `${server.url}/f`, {
      offset: 0,
    }).catch((e: unknown) => e);
    // A 206 for offset 0 announces bytes 0-3: anything past byte 3 is too much.
    const error = await bytesOf((download as { stream: ReadableStream<Uint8Array> }).stream).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect((error as Error).message).toBe("the server sent more than the 4 bytes it announced");
  });
});

describe("redirects", () => {
  it("are followed, with credentials only to the client's own origin", async () => {
    const cdn = await serve(fileHandler());
    const api = await serve((req, res) => {
      if (req.url === "/file") {
        res.writeHead(302, { location: "/hop" });
      } else {
        res.writeHead(307, { location: `${cdn.url}/signed.mp4` });
      }
      res.end();
    });
    const download = await openDownload(pipelineFor(api), `${api.url}/file`, {
      headers: { authorization: "Bearer secret-token", "x-trace": "1" },
    });
    expect(download.url).toBe(`${cdn.url}/signed.mp4`);
    expect(await bytesOf(download.stream)).toEqual(FILE);
    expect(api.received.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/file", "Bearer secret-token"],
      ["/hop", "Bearer secret-token"],
    ]);
    expect(cdn.received[0]?.headers.authorization).toBeUndefined();
    expect(cdn.received[0]?.headers["x-trace"]).toBe("1");
  });

  it("more than maxRedirects is a RedirectError", async () => {
    const server = await serve((req, res) => {
      res.writeHead(302, { location: `/r${req.url.length}` });
      res.end();
    });
    const error = await openDownload(pipelineFor(server), `${server.url}/f`, {
      maxRedirects: 2,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toBe("more than 2 redirects");
    expect(server.received).toHaveLength(3);
  });

  it.each([
    { location: undefined, message: "302 redirect without a Location header" },
    { location: "ftp://files.example/f", message: "refusing to follow a redirect to a ftp: URL" },
    { location: "http://[bad", message: "302 redirect to an unparsable Location" },
  ])("a Location of $location is a RedirectError", async ({ location, message }) => {
    const server = await serve((_req, res) => {
      res.writeHead(302, location ? { location } : {});
      res.end();
    });
    const error = await openDownload(pipelineFor(server), `${server.url}/f`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toBe(message);
  });
});
