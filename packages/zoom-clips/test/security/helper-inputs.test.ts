// Regressions of issue 12 for the upload and transfer helpers: each bad input is a typed error
// with zero requests (or, for a bad answer, a typed error instead of a bare TypeError).
import { ClipKitError, ClipKitValidationError, ResponseParseError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { createZoomClipsClient, uploadClip, waitForTransfer } from "../../src/index.js";
import { fakeFetch, json } from "../fake-fetch.js";

function setup(answer: (request: Request) => Response = () => json({}, 201)) {
  const fake = fakeFetch(answer);
  const client = createZoomClipsClient({ auth: "tok", fetch: fake.fetch, maxRetries: 0 });
  return { client, requests: fake.requests };
}

const bytes = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]);

describe("uploadClip: only MP4 and WebM (the spec's media types)", () => {
  it.each<[string, () => Parameters<typeof uploadClip>]>([
    ["a .txt file name", () => [undefined as never, new Blob([bytes]), { fileName: "notes.txt" }]],
    ["an .avi file name", () => [undefined as never, new Blob([bytes]), { fileName: "clip.avi" }]],
    ["a text/plain Blob", () => [undefined as never, new Blob(["hi"], { type: "text/plain" })]],
    [
      "a File named .txt",
      () => [undefined as never, new File([bytes], "readme.txt", { type: "" }), {}],
    ],
    [
      "contentType video/x-msvideo",
      () => [undefined as never, bytes, { contentType: "video/x-msvideo" }],
    ],
  ])("refuses %s before sending anything", async (_, args) => {
    const { client, requests } = setup();
    const [, source, options] = args();
    const failure = await uploadClip(client, source, options).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as Error).message).toMatch(/MP4 and WebM|\.mp4 and \.webm/);
    expect(requests).toEqual([]);
  });

  it.each<[string, Blob, { fileName?: string; contentType?: string }]>([
    ["an .mp4 Blob", new Blob([bytes], { type: "video/mp4" }), {}],
    ["a .webm name", new Blob([bytes]), { fileName: "talk.webm" }],
    ["bytes of unknown type", new Blob([bytes], { type: "application/octet-stream" }), {}],
  ])("uploads %s", async (_, source, options) => {
    const { client, requests } = setup(() => json({ clip_id: "c1" }, 201));
    await expect(uploadClip(client, source, options)).resolves.toEqual({ clip_id: "c1" });
    expect(requests).toHaveLength(1);
  });
});

describe("uploadClip: sources and answers", () => {
  it("an empty stream of unknown size creates no multipart upload", async () => {
    const { client, requests } = setup(() => json({ upload_context: "ctx" }, 201));
    const empty = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    const failure = await uploadClip(client, empty).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect(requests.map((r) => r.url)).toEqual([]);
  });

  it("an answer without clip_id is a typed ResponseParseError, not a bare TypeError", async () => {
    const { client } = setup(() => json({}, 201));
    const failure = await uploadClip(client, new Blob([bytes], { type: "video/mp4" })).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ResponseParseError);
    expect(failure).toBeInstanceOf(ClipKitError);
    expect((failure as Error).message).toMatch(/clip_id/);
  });
});

describe("waitForTransfer: options and task id", () => {
  it.each<[string, string, object, string]>([
    ["intervalMs 0 (320 polls a second)", "task-1", { intervalMs: 0 }, "intervalMs"],
    ["timeoutMs NaN", "task-1", { timeoutMs: Number.NaN }, "timeoutMs"],
    ["timeoutMs Infinity", "task-1", { timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs"],
    ["an empty taskId (polled /clips/transfers/)", "", {}, "taskId"],
    ["taskId ..", "..", {}, "taskId"],
  ])("refuses %s with zero requests", async (_, taskId, options, field) => {
    const { client, requests } = setup(() => json({ status: "IN_PROCESS" }));
    const failure = await waitForTransfer(client, taskId, options).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as ClipKitValidationError).field).toBe(field);
    expect(requests).toEqual([]);
  });
});

describe("upload limits come from the spec", () => {
  it("sizes and part numbers are the spec's maxLength and maximum", async () => {
    const { UPLOAD_LIMITS } = await import("../../src/index.js");
    const { requestSchemas } = await import("../../src/generated/limits.js");
    const part = requestSchemas["POST /clips/files/multipart"].body.schema.properties;
    expect(UPLOAD_LIMITS.maxSingleSize).toBe(2 * 1024 ** 3);
    expect(UPLOAD_LIMITS.maxPartSize).toBe(part.file.maxLength);
    expect(UPLOAD_LIMITS.maxParts).toBe(part.part_number.maximum);
  });
});
