import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { UPLOAD_LIMITS, type UploadClipOptions, uploadClip } from "../../src/index.js";
import { uploadClip as uploadClipNode } from "../../src/node/index.js";
import { choosePartSize, clipFileType } from "../../src/uploads/plan.js";
import {
  fakeClient,
  makeBytes,
  nodeReadableOf,
  TEST_LIMITS,
  tempFile,
  uploaded,
  useClipsFake,
  webStreamOf,
} from "./helpers.js";

const server = useClipsFake();

const bytes = makeBytes(100_000, 5);
const common = { limits: TEST_LIMITS };

/** Expects a ClipKitValidationError naming `field`, and nothing sent. */
async function refused(upload: Promise<unknown>, field: string) {
  const failure = await upload.catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(ClipKitValidationError);
  expect((failure as ClipKitValidationError).field).toBe(field);
  expect(server.state.requests).toHaveLength(0);
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
    await refused(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), bytes, { ...common, ...options }),
      field,
    );
  });

  it("refuses a text/plain Blob and a .txt path before any request", async () => {
    await refused(
      uploadClip(
        fakeClient(server.fileBaseUrl, server.baseUrl),
        new Blob([bytes], { type: "text/plain" }),
        common,
      ),
      "contentType",
    );
    const file = await tempFile(bytes, "notes.txt");
    try {
      await refused(
        uploadClipNode(fakeClient(server.fileBaseUrl, server.baseUrl), file.path, common),
        "fileName",
      );
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
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes], { type: "video/webm" }),
      common,
    );
    expect(uploaded(server, clip_id)?.fileName).toBe("clip.webm");
  });
});

describe("empty sources and bad options: a typed error and zero requests", () => {
  it.each([
    ["an empty Blob", () => new Blob([])],
    ["empty bytes", () => new Uint8Array(0)],
    ["a stream declared empty", () => webStreamOf(new Uint8Array(0))],
  ])("refuses %s", async (given, make) => {
    const size = given.startsWith("a stream") ? { size: 0 } : {};
    await refused(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), make(), { ...common, ...size }),
      "source",
    );
  });

  it.each([
    ["a web stream", () => webStreamOf(new Uint8Array(0))],
    ["a Node Readable", () => nodeReadableOf(new Uint8Array(0))],
  ])("an empty %s of unknown size creates no multipart upload", async (_given, make) => {
    await refused(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), make(), common),
      "source",
    );
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
    await refused(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), input, { ...common, ...options }),
      field,
    );
  });
});

describe("single or multipart, and the names and types sent", () => {
  const via = async (input: Uint8Array, options: UploadClipOptions) => {
    const { clip_id } = await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), input, {
      ...common,
      ...options,
    });
    return uploaded(server, clip_id)?.via;
  };

  it("a source of exactly the threshold goes in one request; one byte more goes multipart", async () => {
    const options = { multipartThreshold: 100_000, partSize: 64 * 1024 };
    expect(await via(bytes, options)).toBe("single");
    expect(await via(makeBytes(100_001), options)).toBe("multipart");
  });

  it("a source above the single-request limit goes multipart, whatever the threshold", async () => {
    const limit = TEST_LIMITS.maxSingleSize;
    expect(
      await via(makeBytes(limit + 1), { multipartThreshold: 4 * limit, partSize: 256 * 1024 }),
    ).toBe("multipart");
    expect(await via(makeBytes(limit), { multipartThreshold: 4 * limit })).toBe("single");
  });

  it("an already aborted signal sends nothing: AbortError with the signal's reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("user left"));
    const failure = await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), bytes, {
      ...common,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: "AbortError" });
    expect((failure as Error).message).toBe("the upload was aborted before it started");
    expect((failure as Error).cause).toBe(controller.signal.reason);
    expect(server.state.requests).toHaveLength(0);
  });

  it.each([
    ["an upper-case type", "a.mp4", "VIDEO/MP4", "video/mp4"],
    ["an empty type", "a.webm", "", "video/webm"],
  ])("takes %s as the file name's type", (_given, name, type, contentType) => {
    expect(clipFileType(name, type)).toEqual({ fileName: name, contentType });
  });

  it.each([
    ["a blank name", "   ", "fileName: give a file name ending in .mp4 or .webm"],
    ["a name that is not a string", 42, "fileName: give a file name ending in .mp4 or .webm"],
    ["a .mov name", "a.mov", 'fileName: Zoom Clips takes .mp4 and .webm files; "a.mov" is neither'],
    [
      "a type that does not fit the name",
      "a.webm",
      'contentType: video/mp4 does not match the file name "a.webm"',
      "video/mp4",
    ],
    [
      "a type that is no video",
      "a.mp4",
      "contentType: Zoom Clips takes MP4 and WebM videos (video/mp4, video/webm), not image/png",
      "image/png",
    ],
  ])("refuses %s, saying why", (_given, name, message, type?: string) => {
    expect(() => clipFileType(name as string, type)).toThrow(ClipKitValidationError);
    expect(() => clipFileType(name as string, type)).toThrow(message);
  });
});

describe("time limits of the upload's requests", () => {
  it("a part that takes longer than the client's timeoutMs is not cut: the idle limit governs file bytes", async () => {
    server.faults.delay({ ms: 600, on: "upload", when: (r) => r.partNumber === 1, count: 5 });
    const client = fakeClient(server.fileBaseUrl, server.baseUrl, undefined, { timeoutMs: 300 });
    const { clip_id } = await uploadClip(client, makeBytes(100_001), {
      ...common,
      multipartThreshold: 1,
      partSize: 64 * 1024,
    });
    expect(uploaded(server, clip_id)?.via).toBe("multipart");
    expect(server.state.requests.filter((r) => r.partNumber === 1)).toHaveLength(1);
  });

  it("the upload's own timeoutMs does apply to parts", async () => {
    server.faults.delay({ ms: 5000, on: "upload", when: (r) => r.partNumber === 1, count: 1 });
    const started = Date.now();
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), makeBytes(100_001), {
        ...common,
        multipartThreshold: 1,
        partSize: 64 * 1024,
        timeoutMs: 200,
        maxRetries: 0,
      }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe("choosePartSize: what each refusal says", () => {
  const MB = 1024 * 1024;
  // The real limits: 5 MB to 100 MB parts, 100 of them.

  it("a source larger than 100 parts of the largest size is refused for its size", () => {
    expect(() => choosePartSize(10_000 * MB + 1, undefined, UPLOAD_LIMITS)).toThrow(
      new ClipKitValidationError(
        "size",
        `${10_000 * MB + 1} bytes is more than a multipart upload takes (100 parts × ${100 * MB} bytes)`,
      ),
    );
  });

  it("too small a part for the source says the smallest that fits", () => {
    expect(() => choosePartSize(2000 * MB, 10 * MB, UPLOAD_LIMITS)).toThrow(
      new ClipKitValidationError(
        "partSize",
        `${2000 * MB} bytes in parts of ${10 * MB} makes 200 parts; at most 100 are allowed — use parts of at least ${20 * MB} bytes`,
      ),
    );
  });
});
