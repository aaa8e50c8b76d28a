import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it, vi } from "vitest";
import { type MultipartUploadState, uploadClip } from "../../src/index.js";
import { UPLOAD_LIMITS } from "../../src/uploads/limits.js";
import { checkResume, partsToComplete } from "../../src/uploads/state.js";
import { fakeClient, makeBytes, TEST_LIMITS, useClipsFake } from "./helpers.js";

const server = useClipsFake();

const PART = 100 * 1024;
const SIZE = 3 * PART + 10; // 4 parts
const bytes = makeBytes(SIZE, 9);
const common = { limits: TEST_LIMITS, multipartThreshold: 64 * 1024, partSize: PART };
const valid: MultipartUploadState = {
  version: 1,
  uploadContext: "ctx",
  fileName: "clip.mp4",
  partSize: PART,
  totalSize: SIZE,
  createdAt: new Date().toISOString(),
  parts: [{ part_number: 1, etag: "e1" }],
};

describe("a resume state is checked before any request", () => {
  it.each([
    ["not an object", null, /not a multipart upload state/],
    ["another version", { ...valid, version: 2 }, /not a multipart upload state/],
    ["no uploadContext", { ...valid, uploadContext: "" }, /uploadContext/],
    ["no parts list", { ...valid, parts: undefined }, /parts list/],
    ["another part size", { ...valid, partSize: PART * 2 }, /parts of/],
    ["another source size", { ...valid, totalSize: SIZE + 1 }, /started for/],
    ["a createdAt that is not a date", { ...valid, createdAt: "yesterday" }, /not a date/],
    [
      "a state older than 7 days",
      { ...valid, createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString() },
      /7 days/,
    ],
    ["part number 0", { ...valid, parts: [{ part_number: 0, etag: "e" }] }, /part number 0/],
    ["a part past the end", { ...valid, parts: [{ part_number: 5, etag: "e" }] }, /1 to 4/],
    ["a fractional part", { ...valid, parts: [{ part_number: 1.5, etag: "e" }] }, /1\.5/],
    [
      "a part listed twice",
      {
        ...valid,
        parts: [
          { part_number: 2, etag: "a" },
          { part_number: 2, etag: "b" },
        ],
      },
      /listed twice/,
    ],
    ["an empty etag", { ...valid, parts: [{ part_number: 1, etag: "" }] }, /no etag/],
    ["a missing etag", { ...valid, parts: [{ part_number: 1 }] }, /no etag/],
  ])("refuses %s", async (_given, state, message) => {
    const failure = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes]),
      {
        ...common,
        resume: state as MultipartUploadState,
      },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as ClipKitValidationError).field).toBe("resume");
    expect((failure as Error).message).toMatch(message);
    expect(server.state.requests).toHaveLength(0);
  });

  it("takes the part size from the state when none is given", async () => {
    const { partSize: _, ...rest } = common;
    const state = { ...valid, partSize: 128 * 1024, totalSize: SIZE, parts: [] };
    // The server does not know "ctx": the point is which part size went out.
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...rest,
      resume: state,
    }).catch(() => {});
    const first = server.state.requests.find((r) => r.partNumber === 1);
    expect(first?.fileBytes).toBe(128 * 1024);
  });
});

describe("complete refuses an upload with parts missing", () => {
  const done = (...numbers: number[]) => new Map(numbers.map((n) => [n, `etag${n}`]));

  it("lists parts 1 to the last, in order, with their etags", () => {
    expect(partsToComplete(done(2, 1, 3), 3)).toEqual([
      { part_number: 1, etag: "etag1" },
      { part_number: 2, etag: "etag2" },
      { part_number: 3, etag: "etag3" },
    ]);
  });

  it.each([
    ["a part missing in the middle", done(1, 3), 3, /part 2 of 3 has no etag/],
    ["the last part missing", done(1, 2), 3, /part 3 of 3/],
    ["no part at all", done(), 0, /no part/],
    [
      "parts past the end of the source (a resume of a longer source)",
      done(1, 2, 3, 4),
      3,
      /part 4/,
    ],
  ])("refuses %s", (_given, parts, total, message) => {
    expect(() => partsToComplete(parts, total)).toThrow(ClipKitValidationError);
    expect(() => partsToComplete(parts, total)).toThrow(message);
  });
});

describe("checkResume: the rules of a resume state", () => {
  const limits = { ...UPLOAD_LIMITS, maxParts: 10 };
  const upload: Parameters<typeof checkResume>[1] = { size: SIZE, partSize: undefined, limits };
  const check =
    (state: unknown, given = upload) =>
    () =>
      checkResume(state as MultipartUploadState, given);

  it.each([
    ["a string", "state"],
    ["an uploadContext that is not a string", { ...valid, uploadContext: 42 }],
    ["a parts entry that is not an object", { ...valid, parts: [null] }],
    ["a part number given as a string", { ...valid, parts: [{ part_number: "1", etag: "e" }] }],
    ["an etag that is not a string", { ...valid, parts: [{ part_number: 1, etag: 7 }] }],
  ])("refuses %s", (_given, state) => {
    expect(check(state)).toThrow(ClipKitValidationError);
  });

  it("a state of unknown total size takes part numbers up to maxParts", () => {
    const open = { ...valid, totalSize: null };
    const any = { ...upload, size: undefined };
    expect(check({ ...open, parts: [{ part_number: 10, etag: "e" }] }, any)).not.toThrow();
    expect(check({ ...open, parts: [{ part_number: 11, etag: "e" }] }, any)).toThrow(
      "part number 11 is not one of this upload's (1 to 10)",
    );
  });

  it("the last part of a known size is its own number: part 4 of 4 is fine", () => {
    expect(check({ ...valid, parts: [{ part_number: 4, etag: "e" }] })).not.toThrow();
  });

  it("a state with a part size of 0 still has its parts checked against maxParts", () => {
    expect(check({ ...valid, partSize: 0, parts: [{ part_number: 11, etag: "e" }] })).toThrow(
      /1 to 10/,
    );
  });

  it("Zoom's 7 days are 604 800 000 ms", () => {
    expect(UPLOAD_LIMITS.completeWithinMs).toBe(604_800_000);
  });

  it("is valid for exactly 7 days after createdAt, not a millisecond more", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const created = Date.parse("2026-11-01T00:00:00.000Z");
      const state = { ...valid, createdAt: new Date(created).toISOString() };
      vi.setSystemTime(created + limits.completeWithinMs);
      expect(check(state)).not.toThrow();
      vi.setSystemTime(created + limits.completeWithinMs + 1);
      expect(check(state)).toThrow(/7 days/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("names what does not fit: the part sizes and the source sizes", () => {
    expect(check(valid, { ...upload, partSize: PART * 2 })).toThrow(
      `resume: the upload was started with parts of ${PART} bytes, not ${PART * 2}`,
    );
    expect(check(valid, { ...upload, size: SIZE + 1 })).toThrow(
      `resume: the upload was started for ${SIZE} bytes; this source has ${SIZE + 1}`,
    );
  });
});
