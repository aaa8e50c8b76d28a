import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NotFoundError } from "@clipkit/core";
import type { FakeClip, ZoomClipsFake } from "@clipkit/testing";
import { DownloadChangedError, IncompleteDownloadError } from "@clipkit/zoom-shared";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ClipKitValidationError,
  createZoomClipsClient,
  type DownloadProgress,
  downloadClip,
} from "../../src/index.js";
import { downloadClip as downloadClipToFile } from "../../src/node/index.js";
import { fakeFetch } from "../fake-fetch.js";
import { fakeClient, makeBytes, sha256, startTestFake } from "../uploads/helpers.js";

// `api` answers GET /clips/{id}/download with a 302 to its CDN host (`localhost`, another
// origin); `noRanges` is the same with a CDN that ignores Range.
let api: ZoomClipsFake;
let noRanges: ZoomClipsFake;
let clip: FakeClip;
let dir: string;

const CLIP = "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ";
const bytes = makeBytes(1_500_000, 5);
const clientOf = (fake: ZoomClipsFake, options = {}) =>
  fakeClient(fake.fileBaseUrl, fake.baseUrl, undefined, options);

beforeAll(async () => {
  api = await startTestFake();
  noRanges = await startTestFake({ cdnRanges: false });
  clip = api.state.addClip({ id: CLIP, bytes: Buffer.from(bytes) });
  noRanges.state.addClip({ id: CLIP, bytes: Buffer.from(bytes) });
});
afterAll(async () => {
  await Promise.all([api.close(), noRanges.close()]);
});
beforeEach(async () => {
  clip.bytes = Buffer.from(bytes);
  for (const fake of [api, noRanges]) {
    fake.state.requests.length = 0;
    fake.state.cdnRequests.length = 0;
    fake.faults.clear();
  }
  dir = await mkdtemp(join(tmpdir(), "clipkit-download-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

describe("downloadClip: 302 + Location, followed by hand", () => {
  it("streams the file byte-exact, without credentials for the redirect's other host", async () => {
    const progress: DownloadProgress[] = [];
    const download = await downloadClip(clientOf(api), CLIP, {
      stream: true,
      onProgress: (p) => progress.push(p),
    });
    expect(download.totalBytes).toBe(bytes.length);
    expect(sha256(await readAll(download.stream))).toBe(sha256(bytes));
    expect(progress.at(-1)).toEqual({ bytesReceived: bytes.length, totalBytes: bytes.length });
    expect(api.state.requests[0]?.authorization).toBe(true);
    expect(api.state.requests[0]?.status).toBe(302);
    expect(api.state.cdnRequests).toHaveLength(1);
    expect(api.state.cdnRequests[0]?.authorization).toBe(false);
  });

  it("keeps the credentials when the redirect stays on a configured origin", async () => {
    const download = await downloadClip(fakeClient(api.cdnUrl, api.baseUrl), CLIP, {
      stream: true,
    });
    await readAll(download.stream);
    expect(api.state.cdnRequests[0]?.authorization).toBe(true);
  });

  it("writes to <dest>.part and renames it when complete (node entry)", async () => {
    const dest = join(dir, "clip.mp4");
    const result = await downloadClipToFile(clientOf(api), CLIP, dest);
    expect(result).toEqual({
      path: dest,
      bytes: bytes.length,
      resumedFrom: 0,
      sha256: sha256(bytes),
    });
    expect(sha256(await readFile(dest))).toBe(sha256(bytes));
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it("a connection that breaks mid-body is resumed within the call with Range + If-Range", async () => {
    api.faults.resetConnection({ on: "cdn", afterBytes: 600_000 });
    const download = await downloadClip(clientOf(api), CLIP, { stream: true });
    expect(sha256(await readAll(download.stream))).toBe(sha256(bytes));
    const [first, resumed] = api.state.cdnRequests;
    expect(first?.range).toBeUndefined();
    expect(resumed?.range).toMatch(/^bytes=\d+-$/);
    expect(resumed?.ifRange).toBe(download.validator);
    expect(resumed?.status).toBe(206);
    // The resume starts from the Zoom URL again: credentials to the API, none to the file host.
    expect(api.state.cdnRequests.every((r) => r.authorization === false)).toBe(true);
  });

  it("out of retries, a short body leaves the .part; the next call resumes it with If-Range", async () => {
    api.faults.resetConnection({ on: "cdn", afterBytes: 600_000 });
    const dest = join(dir, "clip.mp4");
    const noRetries = clientOf(api, { maxRetries: 0 });
    const error = await downloadClipToFile(noRetries, CLIP, dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect(existsSync(dest)).toBe(false);
    const partial = (await stat(`${dest}.part`)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(bytes.length);

    const result = await downloadClipToFile(clientOf(api), CLIP, dest);
    expect(result.resumedFrom).toBe(partial);
    expect(api.state.cdnRequests.at(-1)?.range).toBe(`bytes=${partial}-`);
    expect(api.state.cdnRequests.at(-1)?.ifRange).toMatch(/^"[0-9a-f]{16}"$/);
    expect(api.state.cdnRequests.at(-1)?.status).toBe(206);
    expect(sha256(await readFile(dest))).toBe(sha256(bytes));
    expect(existsSync(`${dest}.part.json`)).toBe(false);
  });

  it("resume: false starts over though a .part of this very file is there", async () => {
    api.faults.resetConnection({ on: "cdn", afterBytes: 600_000 });
    const dest = join(dir, "clip.mp4");
    const noRetries = clientOf(api, { maxRetries: 0 });
    await downloadClipToFile(noRetries, CLIP, dest).catch(() => {});
    expect((await stat(`${dest}.part`)).size).toBeGreaterThan(0);
    const result = await downloadClipToFile(clientOf(api), CLIP, dest, { resume: false });
    expect(result.resumedFrom).toBe(0);
    expect(api.state.cdnRequests.at(-1)?.range).toBeUndefined();
    expect(sha256(await readFile(dest))).toBe(sha256(bytes));
  });

  it("a .part of another version of the file is never spliced: If-Range brings the whole file", async () => {
    const dest = join(dir, "clip.mp4");
    await writeFile(`${dest}.part`, Buffer.from("bytes of an older version of the clip"));
    await writeFile(`${dest}.part.json`, JSON.stringify({ validator: '"0000000000000000"' }));
    const result = await downloadClipToFile(clientOf(api), CLIP, dest);
    expect(api.state.cdnRequests[0]?.ifRange).toBe('"0000000000000000"');
    expect(api.state.cdnRequests[0]?.status).toBe(200);
    expect(result.resumedFrom).toBe(0);
    expect(sha256(await readFile(dest))).toBe(sha256(bytes));
  });

  it("a .part whose version is unknown starts over (no Range without If-Range)", async () => {
    const dest = join(dir, "clip.mp4");
    await writeFile(`${dest}.part`, Buffer.from("stale bytes that must not survive"));
    const result = await downloadClipToFile(clientOf(api), CLIP, dest);
    expect(api.state.cdnRequests[0]?.range).toBeUndefined();
    expect(result.resumedFrom).toBe(0);
    expect(sha256(await readFile(dest))).toBe(sha256(bytes));
  });

  it("a file that changes during the call fails the stream with DownloadChangedError", async () => {
    api.faults.resetConnection({ on: "cdn", afterBytes: 300_000 });
    const download = await downloadClip(clientOf(api), CLIP, { stream: true });
    // The file is replaced before the resume asks for the rest.
    clip.bytes = Buffer.from(makeBytes(1_500_000, 9));
    const failure = await readAll(download.stream).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DownloadChangedError);
  });

  it("a web stream that ends short errors instead of ending quietly", async () => {
    api.faults.resetConnection({ on: "cdn", afterBytes: 100_000, count: 10 });
    const download = await downloadClip(clientOf(api, { maxRetries: 0 }), CLIP, {
      stream: true,
    });
    await expect(readAll(download.stream)).rejects.toBeInstanceOf(IncompleteDownloadError);
  });

  it("starts over when the server ignores the Range", async () => {
    const dest = join(dir, "clip.mp4");
    await writeFile(`${dest}.part`, Buffer.from("stale bytes that must not survive"));
    const etag = `"${sha256(bytes).slice(0, 16)}"`;
    await writeFile(`${dest}.part.json`, JSON.stringify({ validator: etag }));
    const result = await downloadClipToFile(clientOf(noRanges), CLIP, dest);
    expect(noRanges.state.cdnRequests[0]?.range).toMatch(/^bytes=\d+-$/);
    expect(noRanges.state.cdnRequests[0]?.status).toBe(200);
    expect(result.resumedFrom).toBe(0);
    expect(sha256(await readFile(dest))).toBe(sha256(bytes));
  });

  it("finishes a .part that already holds the whole file (416)", async () => {
    const dest = join(dir, "clip.mp4");
    await writeFile(`${dest}.part`, bytes);
    await writeFile(
      `${dest}.part.json`,
      JSON.stringify({ validator: `"${sha256(bytes).slice(0, 16)}"` }),
    );
    const result = await downloadClipToFile(clientOf(api), CLIP, dest);
    expect(api.state.cdnRequests[0]?.status).toBe(416);
    expect(result).toEqual({
      path: dest,
      bytes: bytes.length,
      resumedFrom: bytes.length,
      sha256: sha256(bytes),
    });
    expect(sha256(await readFile(dest))).toBe(sha256(bytes));
  });

  it("an answer with the bytes themselves (no redirect) is streamed as it is", async () => {
    const fake = fakeFetch(
      () => new Response(bytes.slice(0, 1000), { headers: { "content-type": "video/mp4" } }),
    );
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch, maxRetries: 0 });
    const download = await downloadClip(client, CLIP, { stream: true });
    expect(await readAll(download.stream)).toEqual(Buffer.from(bytes.slice(0, 1000)));
    expect(fake.requests).toHaveLength(1);
  });

  it("an API error is the typed error with Zoom's message, and nothing is followed", async () => {
    const fake = fakeFetch(
      () =>
        new Response(JSON.stringify({ code: 3301, message: "Clip does not exist." }), {
          status: 404,
          headers: { "content-type": "application/json" },
        }),
    );
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch, maxRetries: 0 });
    const error = await downloadClip(client, CLIP, { stream: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 3301, apiMessage: "Clip does not exist.", method: "GET" });
    expect(fake.requests).toHaveLength(1);
  });

  it("an API error is the typed error, and nothing is followed", async () => {
    await expect(
      downloadClip(clientOf(api), "no-such-clip", { stream: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(api.state.cdnRequests).toHaveLength(0);
  });

  it("aborting stops the stream with an AbortError", async () => {
    api.faults.delay({ on: "cdn", ms: 200 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      downloadClip(clientOf(api), CLIP, { stream: true, signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("downloadClip: what is checked and sent first", () => {
  const wire = () => {
    const fake = fakeFetch((request) =>
      request.url.includes("/download")
        ? new Response(null, { status: 302, headers: { location: "https://cdn.test/f.mp4" } })
        : new Response(new Uint8Array(4), { status: 200, headers: { "content-length": "4" } }),
    );
    return {
      client: createZoomClipsClient({ auth: "t", fetch: fake.fetch, maxRetries: 0 }),
      requests: fake.requests,
    };
  };

  it.each([
    ["a blank clip ID", "  ", {}, "clipId: give the ID of the clip to download"],
    ["a clip ID that is not a string", 42, {}, "clipId: give the ID of the clip to download"],
    ["a negative offset", CLIP, { offset: -1 }, "offset: expected a whole number ≥ 0, got -1"],
    ["a fractional offset", CLIP, { offset: 1.5 }, "offset: expected a whole number ≥ 0, got 1.5"],
  ])("refuses %s before any request", async (_given, clipId, options, message) => {
    const { client, requests } = wire();
    const failure = await downloadClip(client, clipId as string, {
      ...options,
      stream: true,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as Error).message).toBe(message);
    expect(requests).toEqual([]);
  });

  it("an already aborted signal sends nothing", async () => {
    const { client, requests } = wire();
    const controller = new AbortController();
    controller.abort();
    await expect(
      downloadClip(client, CLIP, { stream: true, signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(requests).toEqual([]);
  });

  it.each([
    ["from the start", {}, null, null],
    ["from the start, with a validator", { validator: '"v1"' }, null, null],
    ["from an offset", { offset: 10 }, "bytes=10-", null],
    ["from an offset, with a validator", { offset: 10, validator: '"v1"' }, "bytes=10-", '"v1"'],
  ])("asks the API for the bytes %s, uncompressed", async (_given, options, range, ifRange) => {
    const { client, requests } = wire();
    const download = await downloadClip(client, CLIP, { ...options, stream: true }).catch(
      () => undefined,
    );
    await download?.stream.cancel();
    const first = requests[0] as Request;
    expect(first.url).toBe(`https://api.zoom.us/v2/clips/${CLIP}/download`);
    expect(first.redirect).toBe("manual");
    expect(first.headers.get("accept-encoding")).toBe("identity");
    expect(first.headers.get("range")).toBe(range);
    expect(first.headers.get("if-range")).toBe(ifRange);
  });
});

describe("downloadClip with a caller's own fetch (answers built with `new Response`, whose url is empty)", () => {
  // Mocks and fetch wrappers answer with constructed Responses: `response.url` is "", so each
  // Location must be resolved against the URL the request went to.
  const API = `https://api.zoom.us/v2/clips/${CLIP}/download`;
  const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });
  const file = () =>
    new Response(new Uint8Array([1, 2, 3, 4]), {
      headers: { "content-type": "video/mp4", "content-length": "4" },
    });

  it.each([
    ["an absolute Location", ["https://cdn.test/f.mp4"], [API, "https://cdn.test/f.mp4"]],
    [
      "a path-relative Location",
      ["files/f.mp4"],
      [API, `https://api.zoom.us/v2/clips/${CLIP}/files/f.mp4`],
    ],
    [
      "a host-relative Location, then another from the second hop",
      ["https://cdn.test/a/first", "/b/second.mp4"],
      [API, "https://cdn.test/a/first", "https://cdn.test/b/second.mp4"],
    ],
  ])("follows %s", async (_given, locations, urls) => {
    const fake = fakeFetch((_request, index) => {
      const location = locations[index];
      return location === undefined ? file() : redirect(location);
    });
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch, maxRetries: 0 });
    const download = await downloadClip(client, CLIP, { stream: true });
    expect(await readAll(download.stream)).toEqual(Buffer.from([1, 2, 3, 4]));
    expect(fake.requests.map((r) => r.url)).toEqual(urls);
    expect(download.url).toBe(urls.at(-1));
  });
});
