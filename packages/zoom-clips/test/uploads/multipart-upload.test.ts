import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import {
  choosePartSize,
  type MultipartUploadState,
  UPLOAD_LIMITS,
  type UploadProgress,
  uploadClip,
} from "../../src/index.js";
import { uploadClip as uploadClipNode } from "../../src/node/index.js";
import {
  fakeClient,
  makeBytes,
  nodeReadableOf,
  sha256,
  TEST_LIMITS,
  tempFile,
  uploaded,
  useClipsFake,
  webStreamOf,
} from "./helpers.js";

const server = useClipsFake();

const PART = 100 * 1024;
const SIZE = 10 * PART + 12_345; // 11 parts, the last one short
const bytes = makeBytes(SIZE, 11);
const common = {
  limits: TEST_LIMITS,
  multipartThreshold: 64 * 1024,
  partSize: PART,
};

const partRequests = () =>
  server.state.requests.filter((r) => r.path === "/fileapi/v2/clips/files/multipart");
const events = () => server.state.requests.filter((r) => r.event).map((r) => r.event);
/** Part numbers of the part uploads the server answered 201, in arrival order. */
const succeededParts = () =>
  partRequests()
    .filter((r) => r.status === 201)
    .map((r) => r.partNumber as number);

const sources: [string, () => Promise<{ input: unknown; size?: number }>][] = [
  ["a Blob", async () => ({ input: new Blob([bytes]) })],
  ["a Buffer", async () => ({ input: Buffer.from(bytes) })],
  ["a web ReadableStream of unknown size", async () => ({ input: webStreamOf(bytes) })],
  ["a Node Readable of unknown size", async () => ({ input: nodeReadableOf(bytes) })],
  ["a Node Readable with its size", async () => ({ input: nodeReadableOf(bytes), size: SIZE })],
  [
    "a file path (node entry)",
    // Removed when the test ends.
    async () => ({ input: (await tempFile(bytes)).path }),
  ],
];

describe("uploadClip: multipart (create, parts, complete)", () => {
  it.each(sources)("stores exactly the bytes of %s", async (_name, make) => {
    const { input, size } = await make();
    const progress: UploadProgress[] = [];
    const { clip_id } = await uploadClipNode(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      input as string,
      {
        ...common,
        ...(size !== undefined ? { size } : {}),
        onProgress: (p) => progress.push(p),
      },
    );
    const clip = uploaded(server, clip_id);
    expect(clip?.via).toBe("multipart");
    expect(clip?.size).toBe(SIZE);
    expect(clip?.sha256).toBe(sha256(bytes));
    expect(events()).toEqual(["CreateMultipartUpload", "CompleteMultipartUpload"]);
    expect(succeededParts().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 11 }, (_, i) => i + 1),
    );
    expect(progress.at(-1)?.bytesSent).toBe(SIZE);
    expect(server.state.requests.every((r) => r.authorization === true)).toBe(true);
  });

  it("keeps at most `concurrency` parts in flight", async () => {
    server.faults.delay({
      ms: 30,
      on: "upload",
      when: (r) => r.partNumber !== undefined,
      count: 11,
    });
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...common,
      concurrency: 3,
    });
    expect(server.state.maxActiveParts).toBe(3);
    server.state.maxActiveParts = 0;
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...common,
      concurrency: 1,
    });
    expect(server.state.maxActiveParts).toBe(1);
  });

  it("retries failed parts (reset mid-part, 500, 429 + Retry-After) and never re-sends a part that succeeded", async () => {
    server.faults.resetConnection({
      afterBytes: 50_000,
      on: "upload",
      when: (r) => r.partNumber === 2,
    });
    server.faults.serverError({
      status: 500,
      on: "upload",
      when: (r) => r.partNumber === 5,
      count: 2,
    });
    server.faults.rateLimit({
      retryAfterSeconds: 0.3,
      on: "upload",
      when: (r) => r.partNumber === 9,
    });
    const started = Date.now();
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes]),
      common,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
    const upload = [...server.state.uploads.values()].find(
      (u) => u.clipId !== undefined && u.parts.size === 11,
    );
    // Every part was stored exactly once: nothing was re-sent after a 201.
    expect([...(upload?.parts.values() ?? [])].map((p) => p.received)).toEqual(Array(11).fill(1));
    expect(succeededParts()).toHaveLength(11);
    const attempts = (n: number) => partRequests().filter((r) => r.partNumber === n);
    expect(attempts(2).map((r) => r.reset ?? r.status)).toEqual([true, 201]);
    expect(attempts(5).map((r) => r.status)).toEqual([500, 500, 201]);
    expect(attempts(9).map((r) => r.status)).toEqual([429, 201]);
  });

  it("gives up after the retries, never completes, and leaves a state to resume from", async () => {
    server.faults.serverError({
      status: 503,
      on: "upload",
      when: (r) => r.partNumber === 4,
      count: 2,
    });
    const states: MultipartUploadState[] = [];
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
        ...common,
        concurrency: 2,
        maxRetries: 1,
        onStateChange: (s) => states.push(s),
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(events()).toEqual(["CreateMultipartUpload"]);
    const last = states.at(-1) as MultipartUploadState;
    expect(last.parts.map((p) => p.part_number)).not.toContain(4);
    expect(JSON.parse(JSON.stringify(last))).toEqual(last);

    // Resume: only the missing parts go out, then the upload is completed.
    server.state.requests.length = 0;
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes]),
      {
        ...common,
        resume: last,
      },
    );
    const sent = succeededParts().sort((a, b) => a - b);
    const missing = Array.from({ length: 11 }, (_, i) => i + 1).filter(
      (n) => !last.parts.some((p) => p.part_number === n),
    );
    expect(sent).toEqual(missing);
    expect(events()).toEqual(["CompleteMultipartUpload"]);
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("resumes a stream source from a saved state, reading past the finished parts", async () => {
    let state: MultipartUploadState | undefined;
    const controller = new AbortController();
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), nodeReadableOf(bytes), {
        ...common,
        concurrency: 1,
        signal: controller.signal,
        onStateChange: (s) => {
          state = JSON.parse(JSON.stringify(s));
          if (s.parts.length === 6) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(state?.parts).toHaveLength(6);
    server.state.requests.length = 0;
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      webStreamOf(bytes),
      {
        ...common,
        resume: state as MultipartUploadState,
      },
    );
    expect(succeededParts().sort((a, b) => a - b)).toEqual([7, 8, 9, 10, 11]);
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("an aborted upload is never completed", async () => {
    const controller = new AbortController();
    server.faults.delay({
      ms: 40,
      on: "upload",
      when: (r) => r.partNumber !== undefined,
      count: 11,
    });
    const upload = uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...common,
      signal: controller.signal,
      onStateChange: (s) => {
        if (s.parts.length === 2) controller.abort();
      },
    });
    await expect(upload).rejects.toMatchObject({ name: "AbortError" });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events()).toEqual(["CreateMultipartUpload"]);
    expect([...server.state.uploads.values()].some((u) => u.clipId === undefined)).toBe(true);
    expect(succeededParts().length).toBeLessThan(11);
  });

  it("refuses a resume state older than 7 days, before any request", async () => {
    const stale: MultipartUploadState = {
      version: 1,
      uploadContext: "ctx",
      fileName: "clip.mp4",
      partSize: PART,
      totalSize: SIZE,
      createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString(),
      parts: [],
    };
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
        ...common,
        resume: stale,
      }),
    ).rejects.toThrow(/7 days/);
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes, bytes]), {
        ...common,
        resume: { ...stale, createdAt: new Date().toISOString() },
      }),
    ).rejects.toThrow(/started for/);
    expect(server.state.requests).toHaveLength(0);
  });
});

describe("part-size rules are checked before anything is sent", () => {
  it.each([
    ["a part below the minimum", { partSize: 64 * 1024 - 1 }],
    ["a part above the maximum", { partSize: 256 * 1024 + 1 }],
    ["more than maxParts parts", { partSize: 64 * 1024, limits: { ...TEST_LIMITS, maxParts: 5 } }],
    ["a non-integer part size", { partSize: 100_000.5 }],
  ])("rejects %s", async (_name, override) => {
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
        ...common,
        ...override,
      }),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(server.state.requests).toHaveLength(0);
  });

  it("with the real limits: 100 × 100 MB at most, 5 MB parts at least", () => {
    const MB = 1024 * 1024;
    expect(choosePartSize(1024 * MB, undefined, UPLOAD_LIMITS)).toBe(16 * MB);
    expect(choosePartSize(5000 * MB, undefined, UPLOAD_LIMITS)).toBe(50 * MB);
    expect(choosePartSize(10_000 * MB, undefined, UPLOAD_LIMITS)).toBe(100 * MB);
    expect(() => choosePartSize(10_000 * MB + 1, undefined, UPLOAD_LIMITS)).toThrow(
      ClipKitValidationError,
    );
    expect(() => choosePartSize(1024 * MB, 4 * MB, UPLOAD_LIMITS)).toThrow(/5242880 to/);
    expect(() => choosePartSize(1024 * MB, 101 * MB, UPLOAD_LIMITS)).toThrow(
      ClipKitValidationError,
    );
    expect(() => choosePartSize(2000 * MB, 10 * MB, UPLOAD_LIMITS)).toThrow(/200 parts/);
  });

  it("a stream longer than maxParts parts fails without completing", async () => {
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), webStreamOf(bytes), {
        ...common,
        limits: { ...TEST_LIMITS, maxParts: 4 },
      }),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(events()).toEqual(["CreateMultipartUpload"]);
  });
});
