import { ClipKitValidationError } from "@clipkit/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type UploadClipOptions, uploadClip } from "../../src/index.js";
import { uploadClip as uploadClipNode } from "../../src/node/index.js";
import { clipFileType } from "../../src/uploads/plan.js";
import { type FakeFileServer, startFakeFileServer } from "./fake-file-server.js";
import {
  fakeClient,
  makeBytes,
  nodeReadableOf,
  TEST_LIMITS,
  tempFile,
  webStreamOf,
} from "./helpers.js";

let server: FakeFileServer;
beforeAll(async () => {
  server = await startFakeFileServer({ rules: TEST_LIMITS });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const bytes = makeBytes(100_000, 5);
const common = { limits: TEST_LIMITS };

/** Expects a ClipKitValidationError naming `field`, and nothing sent. */
async function refused(upload: Promise<unknown>, field: string) {
  const failure = await upload.catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(ClipKitValidationError);
  expect((failure as ClipKitValidationError).field).toBe(field);
  expect(server.requests).toHaveLength(0);
}

describe("only MP4 and WebM go out (specs/zoom-clips.yaml: .mp4, .webm)", () => {
  it.each([
    ["a .txt file name", { fileName: "notes.txt" }, "fileName"],
    ["an .avi file name", { fileName: "clip.avi" }, "fileName"],
    ["a name without an extension", { fileName: "clip" }, "fileName"],
    ["an empty name", { fileName: "" }, "fileName"],
    ["a text/plain type", { contentType: "text/plain" }, "contentType"],
    ["a QuickTime type", { contentType: "video/quicktime" }, "contentType"],
    [
      "a WebM type for an .mp4 name",
      { fileName: "a.mp4", contentType: "video/webm" },
      "contentType",
    ],
  ] as [string, UploadClipOptions, string][])("refuses %s", async (_given, options, field) => {
    await refused(uploadClip(fakeClient(server.url), bytes, { ...common, ...options }), field);
  });

  it("refuses a text/plain Blob and a .txt path before any request", async () => {
    await refused(
      uploadClip(fakeClient(server.url), new Blob([bytes], { type: "text/plain" }), common),
      "contentType",
    );
    const file = await tempFile(bytes, "notes.txt");
    try {
      await refused(uploadClipNode(fakeClient(server.url), file.path, common), "fileName");
    } finally {
      await file.cleanup();
    }
  });

  it.each([
    [undefined, undefined, "clip.mp4", "video/mp4"],
    [undefined, "video/webm", "clip.webm", "video/webm"],
    ["Talk.WEBM", undefined, "Talk.WEBM", "video/webm"],
    ["a.mp4", "application/octet-stream", "a.mp4", "video/mp4"],
    ["a.mp4", "video/mp4; codecs=avc1", "a.mp4", "video/mp4"],
  ])("name %s with type %s goes out as %s, %s", (name, type, fileName, contentType) => {
    expect(clipFileType(name, type)).toEqual({ fileName, contentType });
  });

  it("a WebM Blob without a name is sent as clip.webm, video/webm", async () => {
    const { clip_id } = await uploadClip(
      fakeClient(server.url),
      new Blob([bytes], { type: "video/webm" }),
      common,
    );
    expect(server.clips.get(clip_id)?.fileName).toBe("clip.webm");
  });
});

describe("empty sources and bad options: a typed error and zero requests", () => {
  it.each([
    ["an empty Blob", () => new Blob([])],
    ["empty bytes", () => new Uint8Array(0)],
    ["a stream declared empty", () => webStreamOf(new Uint8Array(0))],
  ])("refuses %s", async (given, make) => {
    const size = given.startsWith("a stream") ? { size: 0 } : {};
    await refused(uploadClip(fakeClient(server.url), make(), { ...common, ...size }), "source");
  });

  it.each([
    ["a web stream", () => webStreamOf(new Uint8Array(0))],
    ["a Node Readable", () => nodeReadableOf(new Uint8Array(0))],
  ])("an empty %s of unknown size creates no multipart upload", async (_given, make) => {
    await refused(uploadClip(fakeClient(server.url), make(), common), "source");
  });

  it.each([
    ["maxRetries: NaN", { maxRetries: Number.NaN }, "maxRetries"],
    ["maxRetries: -1", { maxRetries: -1 }, "maxRetries"],
    ["idleTimeoutMs: 0", { idleTimeoutMs: 0 }, "idleTimeoutMs"],
    ["timeoutMs: Infinity", { timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs"],
    ["retryPost: 'yes'", { retryPost: "yes" as never }, "retryPost"],
    ["concurrency: 0", { concurrency: 0 }, "concurrency"],
    ["concurrency: 101", { concurrency: 101 }, "concurrency"],
    ["multipartThreshold: 0", { multipartThreshold: 0 }, "multipartThreshold"],
    ["maxRedirects: 1.5", { maxRedirects: 1.5 }, "maxRedirects"],
    ["size: -5 for a stream", { size: -5 }, "size"],
  ] as [string, UploadClipOptions, string][])("refuses %s", async (_given, options, field) => {
    const input = "size" in options ? webStreamOf(bytes) : bytes;
    await refused(uploadClip(fakeClient(server.url), input, { ...common, ...options }), field);
  });
});
