import { describe, expect, it } from "vitest";
import { type MultipartUploadState, type UploadProgress, uploadClip } from "../../src/index.js";
import {
  fakeClient,
  makeBytes,
  sha256,
  TEST_LIMITS,
  uploaded,
  useClipsFake,
  webStreamOf,
} from "./helpers.js";

// What a caller sees of a multipart upload while it runs: progress and resume states.

const server = useClipsFake();

const PART = 100 * 1024;
const SIZE = 5 * PART + 321; // 6 parts
const bytes = makeBytes(SIZE, 31);
const multipart = { limits: TEST_LIMITS, multipartThreshold: 64 * 1024, partSize: PART };
const numbers = (state: MultipartUploadState | undefined) => state?.parts.map((p) => p.part_number);

describe("progress of a multipart upload", () => {
  it("a retried part counts again from 0: bytesSent never passes the total, and ends at it", async () => {
    // The last part (321 bytes) breaks after 100: sent twice, it must count once.
    server.faults.resetConnection({
      afterBytes: 100,
      on: "upload",
      when: (r) => r.partNumber === 6,
    });
    const progress: UploadProgress[] = [];
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...multipart,
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(server.state.requests.filter((r) => r.partNumber === 6)).toHaveLength(2);
    expect(Math.max(...progress.map((p) => p.bytesSent))).toBe(SIZE);
    expect(progress.at(-1)).toEqual({ bytesSent: SIZE, totalBytes: SIZE });
  });

  it("a stream of unknown size reports no total", async () => {
    const progress: UploadProgress[] = [];
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), webStreamOf(bytes), {
      ...multipart,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.at(-1)).toEqual({ bytesSent: SIZE, totalBytes: undefined });
  });

  it("a resumed upload counts its finished parts as sent from the start", async () => {
    let saved: MultipartUploadState | undefined;
    server.faults.serverError({ status: 400, on: "upload", when: (r) => r.partNumber === 4 });
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...multipart,
      concurrency: 1,
      onStateChange: (s) => {
        saved = s;
      },
    }).catch(() => {});
    expect(numbers(saved)).toEqual([1, 2, 3]);
    const progress: UploadProgress[] = [];
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...multipart,
      concurrency: 1,
      resume: saved as MultipartUploadState,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.slice(0, 3).map((p) => p.bytesSent)).toEqual([PART, 2 * PART, 3 * PART]);
    expect(progress.at(-1)?.bytesSent).toBe(SIZE);
  });
});

describe("resume states", () => {
  it("the first is sent right after create: the server's upload context, no parts, the upload's shape", async () => {
    const states: MultipartUploadState[] = [];
    const before = Date.now();
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), webStreamOf(bytes), {
      ...multipart,
      fileName: "talk.webm",
      onStateChange: (s) => states.push(s),
    });
    const [first] = states;
    expect(first).toMatchObject({
      version: 1,
      fileName: "talk.webm",
      partSize: PART,
      totalSize: null,
      parts: [],
    });
    expect(server.state.uploads.has(first?.uploadContext as string)).toBe(true);
    const created = Date.parse(first?.createdAt as string);
    expect(created).toBeGreaterThanOrEqual(before - 1);
    expect(created).toBeLessThanOrEqual(Date.now());
    expect(states).toHaveLength(7); // after create, then after each of the 6 parts
  });

  it("each is a snapshot, its parts in order even when they finish out of order", async () => {
    server.faults.delay({ ms: 200, on: "upload", when: (r) => r.partNumber === 1 });
    const states: MultipartUploadState[] = [];
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes]),
      {
        ...multipart,
        concurrency: 3,
        onStateChange: (s) => states.push(s),
      },
    );
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
    expect(states.map((s) => s.parts.length)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Part 1 was held back: it is not the first to finish, yet every list is sorted.
    expect(numbers(states[1])).not.toEqual([1]);
    for (const state of states) {
      const list = numbers(state) as number[];
      expect(list).toEqual([...list].sort((a, b) => a - b));
    }
    expect(numbers(states.at(-1))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("the state given to resume from is not changed by the upload", async () => {
    let saved: MultipartUploadState | undefined;
    server.faults.serverError({ status: 400, on: "upload", when: (r) => r.partNumber === 3 });
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...multipart,
      concurrency: 1,
      onStateChange: (s) => {
        saved = s;
      },
    }).catch(() => {});
    const resume = saved as MultipartUploadState;
    const copy = structuredClone(resume);
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...multipart,
      resume,
    });
    expect(resume).toEqual(copy);
  });
});
