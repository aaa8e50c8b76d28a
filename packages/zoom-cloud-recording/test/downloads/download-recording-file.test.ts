import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClipKitValidationError } from "@clipkit/core";
import { IncompleteDownloadError } from "@clipkit/zoom-shared";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { downloadRecordingFile } from "../../src/download-recording-file.js";

interface Seen {
  url: string;
  host: string;
  authorization: string | undefined;
  range: string | undefined;
  status: number;
}

const bytes = new Uint8Array(800_000).map((_, i) => (i * 31 + (i >> 9)) & 0xff);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

// `zoom` plays zoom.us (answers the download URL with a 302), `cdn` the storage host.
let zoom: { server: Server; port: number };
let cdn: { server: Server; port: number };
let seen: Seen[] = [];
let shortOnce = 0;
let shortTimes = 0;
const ETAG = '"rec-v1"';
let dir: string;

beforeAll(async () => {
  zoom = await listen((req, res) => {
    seen.push({
      url: req.url ?? "",
      host: req.headers.host ?? "",
      authorization: req.headers.authorization,
      range: req.headers.range,
      status: 302,
    });
    res.writeHead(302, { location: `http://localhost:${cdn.port}/file.mp4?sig=abc` }).end();
  });
  cdn = await listen((req, res) => {
    const current = req.headers["if-range"] === undefined || req.headers["if-range"] === ETAG;
    const start = current ? Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? "")?.[1] ?? 0) : 0;
    const status = start > 0 ? 206 : 200;
    seen.push({
      url: req.url ?? "",
      host: req.headers.host ?? "",
      authorization: req.headers.authorization,
      range: req.headers.range,
      status,
    });
    res.writeHead(status, {
      etag: ETAG,
      "content-length": bytes.length - start,
      ...(status === 206
        ? { "content-range": `bytes ${start}-${bytes.length - 1}/${bytes.length}` }
        : {}),
    });
    if (shortOnce > 0) {
      const n = shortOnce;
      if (--shortTimes <= 0) shortOnce = 0;
      res.write(bytes.subarray(start, start + n), () => setTimeout(() => req.socket.destroy(), 20));
      return;
    }
    res.end(bytes.subarray(start));
  });
});
afterAll(() => {
  zoom.server.close();
  cdn.server.close();
});
beforeEach(async () => {
  seen = [];
  dir = await mkdtemp(join(tmpdir(), "clipkit-recording-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const url = () => `http://127.0.0.1:${zoom.port}/rec/download/abc`;
const options = () => ({ auth: "rec-token", trustedOrigins: [`http://127.0.0.1:${zoom.port}`] });

describe("downloadRecordingFile", () => {
  it("streams the file, signing the Zoom URL but not the storage host it redirects to", async () => {
    const download = await downloadRecordingFile(url(), { ...options(), stream: true });
    const body = new Uint8Array(await new Response(download.stream).arrayBuffer());
    expect(sha(body)).toBe(sha(bytes));
    expect(seen.map((s) => [s.host.split(":")[0], s.authorization])).toEqual([
      ["127.0.0.1", "Bearer rec-token"],
      ["localhost", undefined],
    ]);
  });

  it("never sends the token to a URL that is neither Zoom nor trusted", async () => {
    await downloadRecordingFile(url(), { auth: "rec-token", stream: true }).then((d) =>
      d.stream.cancel(),
    );
    expect(seen[0]?.authorization).toBeUndefined();
  });

  it("resumes a broken connection within the call, from the Zoom URL, with If-Range", async () => {
    shortOnce = 300_000;
    shortTimes = 1;
    const download = await downloadRecordingFile(url(), { ...options(), stream: true });
    const got = new Uint8Array(await new Response(download.stream).arrayBuffer());
    expect(sha(got)).toBe(sha(bytes));
    const resumed = seen.filter((s) => s.range !== undefined);
    expect(resumed.map((s) => s.status)).toEqual([302, 206]);
    expect(seen.filter((s) => s.host.startsWith("localhost")).map((s) => s.authorization)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("takes a timeout for a stalled body (idleTimeoutMs)", async () => {
    const stall = await listen((_req, res) => {
      res.writeHead(200, { "content-length": 1000, "content-type": "video/mp4" });
      res.write(new Uint8Array(10));
    });
    const download = await downloadRecordingFile(`http://127.0.0.1:${stall.port}/x`, {
      auth: "rec-token",
      stream: true,
      idleTimeoutMs: 100,
      maxRetries: 0,
    });
    const failure = await new Response(download.stream).arrayBuffer().catch((e: unknown) => e);
    stall.server.closeAllConnections();
    stall.server.close();
    expect(failure).toMatchObject({ name: "TimeoutError" });
  });

  it("writes <dest>.part, keeps it after a short body, and resumes it with Range", async () => {
    const dest = join(dir, "meeting.mp4");
    shortOnce = 300_000;
    shortTimes = 10;
    await expect(
      downloadRecordingFile(url(), { ...options(), maxRetries: 0, destination: dest }),
    ).rejects.toBeInstanceOf(IncompleteDownloadError);
    shortOnce = 0;
    const partial = (await stat(`${dest}.part`)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(bytes.length);
    expect(existsSync(dest)).toBe(false);

    const result = await downloadRecordingFile(url(), { ...options(), destination: dest });
    expect(result).toEqual({
      path: dest,
      bytes: bytes.length,
      resumedFrom: partial,
      sha256: sha(bytes),
    });
    expect(seen.at(-1)).toMatchObject({ range: `bytes=${partial}-`, status: 206 });
    expect(existsSync(`${dest}.part.json`)).toBe(false);
    expect(sha(await readFile(dest))).toBe(sha(bytes));
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it("downloads with the download_access_token instead of OAuth, under the same host policy", async () => {
    const download = await downloadRecordingFile(url(), {
      downloadAccessToken: "dat-jwt",
      trustedOrigins: [`http://127.0.0.1:${zoom.port}`],
      stream: true,
    });
    const body = new Uint8Array(await new Response(download.stream).arrayBuffer());
    expect(sha(body)).toBe(sha(bytes));
    expect(seen.map((s) => [s.host.split(":")[0], s.authorization])).toEqual([
      ["127.0.0.1", "Bearer dat-jwt"],
      ["localhost", undefined],
    ]);
  });

  it("never sends the download_access_token to a host that is neither Zoom nor trusted", async () => {
    await downloadRecordingFile(url(), { downloadAccessToken: "dat-jwt", stream: true }).then((d) =>
      d.stream.cancel(),
    );
    expect(seen[0]?.authorization).toBeUndefined();
  });

  it("sends the token to every origin in trustedOrigins, not only the first", async () => {
    const download = await downloadRecordingFile(url(), {
      auth: "rec-token",
      trustedOrigins: ["https://proxy.example.com", `http://127.0.0.1:${zoom.port}`],
      stream: true,
    });
    await download.stream.cancel();
    expect(seen[0]).toMatchObject({
      host: `127.0.0.1:${zoom.port}`,
      authorization: "Bearer rec-token",
    });
  });

  it("with resume: false, starts over instead of resuming an existing .part", async () => {
    const dest = join(dir, "meeting.mp4");
    shortOnce = 300_000;
    shortTimes = 10;
    await expect(
      downloadRecordingFile(url(), { ...options(), maxRetries: 0, destination: dest }),
    ).rejects.toBeInstanceOf(IncompleteDownloadError);
    shortOnce = 0;
    expect((await stat(`${dest}.part`)).size).toBeGreaterThan(0);
    seen = [];

    const result = await downloadRecordingFile(url(), {
      ...options(),
      destination: dest,
      resume: false,
    });
    expect(result).toEqual({
      path: dest,
      bytes: bytes.length,
      resumedFrom: 0,
      sha256: sha(bytes),
    });
    expect(seen.map((s) => [s.status, s.range])).toEqual([
      [302, undefined],
      [200, undefined],
    ]);
    expect(sha(await readFile(dest))).toBe(sha(bytes));
  });

  it.each([
    ["neither credential", {}, "auth", "give auth (an OAuth token) or downloadAccessToken"],
    [
      "both credentials",
      { auth: "rec-token", downloadAccessToken: "dat-jwt" },
      "downloadAccessToken",
      "give either auth or downloadAccessToken, not both",
    ],
    [
      "an empty download_access_token",
      { downloadAccessToken: " " },
      "downloadAccessToken",
      "expected a non-empty token",
    ],
    [
      "a download_access_token that is not a string",
      { downloadAccessToken: 42 as unknown as string },
      "downloadAccessToken",
      "expected a non-empty token",
    ],
  ])("rejects %s before any request", async (_, credentials, field, message) => {
    const error = await downloadRecordingFile(url(), { ...credentials, stream: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error).toMatchObject({ field, message: `${field}: ${message}` });
    expect(String((error as Error).message)).not.toContain("dat-jwt");
    expect(seen).toEqual([]);
  });
});
