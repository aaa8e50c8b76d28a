import {
  BadRequestError,
  ClipKitError,
  ClipKitValidationError,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
} from "@clipkit/core";
import { describe, expect, it } from "vitest";
import {
  type MultipartUploadState,
  UPLOAD_SOURCE,
  type UploadSource,
  UploadSourceError,
  uploadClip,
} from "../../src/index.js";
import { uploadClip as uploadClipNode } from "../../src/node/index.js";
import {
  fakeClient,
  makeBytes,
  recordedDelays,
  sha256,
  TEST_LIMITS,
  tempFile,
  uploaded,
  useClipsFake,
  webStreamOf,
} from "./helpers.js";

// How uploads behave when the server, the network or the source misbehave. Every request
// goes through the client's lifecycle: the retry rules, waits and errors are core's.

const server = useClipsFake();

const PART = 100 * 1024;
const SIZE = 5 * PART + 777; // 6 parts
const bytes = makeBytes(SIZE, 21);
const multipart = { limits: TEST_LIMITS, multipartThreshold: 64 * 1024, partSize: PART };
const single = { limits: TEST_LIMITS };
const small = bytes.subarray(0, 50_000);

const partRequests = () =>
  server.state.requests.filter((r) => r.path === "/fileapi/v2/clips/files/multipart");
const events = () => server.state.requests.filter((r) => r.event).map((r) => r.event);
const isPart = (n: number) => (r: { partNumber?: number }) => r.partNumber === n;
const isEvent = (name: string) => (r: { event?: string }) => r.event === name;
const isSingle = (r: { path: string }) => r.path === "/fileapi/v2/clips/files";

/** A re-readable source whose bytes from `breakAt` on cannot be read; `reads` counts each range read. */
function brokenSource(source: Uint8Array, breakAt: number) {
  const reads: number[] = [];
  const range = (start: number, end: number) => {
    reads.push(start);
    let at = start;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= end) return controller.close();
        if (at >= breakAt) return controller.error(new Error("EIO: i/o error, read"));
        const next = Math.min(end, breakAt > at ? breakAt : end, at + 32 * 1024);
        controller.enqueue(source.slice(at, next));
        at = next;
      },
    });
  };
  const upload: UploadSource = {
    [UPLOAD_SOURCE]: true,
    size: source.byteLength,
    name: "broken.mp4",
    type: "video/mp4",
    slice: range,
    stream: () => range(0, source.byteLength),
  };
  return { upload, reads };
}

/** A re-readable source that delivers its first 32 KiB, then nothing, ever. */
function stallingSource(size: number): UploadSource {
  const range = () => {
    let sent = false;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return new Promise<void>(() => {});
        sent = true;
        controller.enqueue(new Uint8Array(32 * 1024));
      },
    });
  };
  return {
    [UPLOAD_SOURCE]: true,
    size,
    name: "slow.mp4",
    type: "video/mp4",
    slice: range,
    stream: range,
  };
}

describe("retries are the client's (core's one loop)", () => {
  it("a 429 on a part waits what Retry-After asks, through the client's sleep, then succeeds", async () => {
    const waits = recordedDelays();
    server.faults.rateLimit({ retryAfterSeconds: 7, on: "upload", when: isPart(3) });
    const started = Date.now();
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl, undefined, { sleep: waits.sleep }),
      new Blob([bytes]),
      multipart,
    );
    expect(waits.delays).toEqual([7000]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(
      partRequests()
        .filter(isPart(3))
        .map((r) => r.status),
    ).toEqual([429, 201]);
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("a Retry-After past the client's total wait budget is not waited for: RateLimitError", async () => {
    const waits = recordedDelays();
    server.faults.rateLimit({ retryAfterSeconds: 30, on: "upload", when: isPart(2) });
    const client = fakeClient(server.fileBaseUrl, server.baseUrl, undefined, {
      sleep: waits.sleep,
      maxRetryWaitMs: 10_000,
    });
    await expect(
      uploadClip(client, new Blob([bytes]), { ...multipart, concurrency: 1 }),
    ).rejects.toBeInstanceOf(RateLimitError);
    expect(waits.delays).toEqual([]);
    expect(events()).toEqual(["CreateMultipartUpload"]);
  });

  it("a 429 on the single upload (a POST) is retried: it was not processed", async () => {
    const waits = recordedDelays();
    server.faults.rateLimit({ retryAfterSeconds: 2, on: "upload", when: isSingle });
    const client = fakeClient(server.fileBaseUrl, server.baseUrl, undefined, {
      sleep: waits.sleep,
    });
    const { clip_id } = await uploadClip(client, small, single);
    expect(waits.delays).toEqual([2000]);
    expect(uploaded(server, clip_id)?.size).toBe(small.length);
  });

  it("5xx on a part is retried (a part sent again replaces itself), without retryPost", async () => {
    server.faults.serverError({ status: 503, on: "upload", when: isPart(2), count: 2 });
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes]),
      multipart,
    );
    expect(
      partRequests()
        .filter(isPart(2))
        .map((r) => r.status),
    ).toEqual([503, 503, 201]);
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("a reset in the middle of a part is retried, and the part re-read from the source", async () => {
    server.faults.resetConnection({ afterBytes: 40_000, on: "upload", when: isPart(4) });
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes]),
      multipart,
    );
    expect(
      partRequests()
        .filter(isPart(4))
        .map((r) => r.reset ?? r.status),
    ).toEqual([true, 201]);
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it.each([
    ["the single upload", isSingle, single, small],
    ["CreateMultipartUpload", isEvent("CreateMultipartUpload"), multipart, bytes],
    ["CompleteMultipartUpload", isEvent("CompleteMultipartUpload"), multipart, bytes],
  ] as const)(
    "a 500 on %s (a POST) is not retried without retryPost",
    async (_name, match, options, input) => {
      server.faults.serverError({ status: 500, on: "upload", when: match, count: 5 });
      await expect(
        uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([input]), options),
      ).rejects.toBeInstanceOf(InternalServerError);
      expect(server.state.requests.filter(match)).toHaveLength(1);
    },
  );

  it("with retryPost, a 500 on CompleteMultipartUpload is retried", async () => {
    server.faults.serverError({
      status: 500,
      on: "upload",
      when: isEvent("CompleteMultipartUpload"),
    });
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes]),
      {
        ...multipart,
        retryPost: true,
      },
    );
    expect(events()).toEqual([
      "CreateMultipartUpload",
      "CompleteMultipartUpload",
      "CompleteMultipartUpload",
    ]);
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("a connection reset on CreateMultipartUpload is a ConnectionError, not retried by default", async () => {
    server.faults.resetConnection({ on: "upload", when: isEvent("CreateMultipartUpload") });
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), multipart),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect(server.state.requests).toHaveLength(1);
  });
});

describe("a part that failed for good", () => {
  it("stops the upload: no new part starts, and complete is never sent", async () => {
    server.faults.serverError({ status: 400, on: "upload", when: isPart(3) });
    const states: MultipartUploadState[] = [];
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
        ...multipart,
        concurrency: 1,
        onStateChange: (s) => states.push(s),
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect(partRequests().map((r) => r.partNumber)).toEqual([1, 2, 3]);
    expect(events()).toEqual(["CreateMultipartUpload"]);
    expect(states.at(-1)?.parts.map((p) => p.part_number)).toEqual([1, 2]);
  });

  it("lets the parts in flight finish, and starts none after them", async () => {
    server.faults.serverError({ status: 400, on: "upload", when: isPart(1) });
    server.faults.delay({ ms: 150, on: "upload", when: isPart(2) });
    const states: MultipartUploadState[] = [];
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
        ...multipart,
        concurrency: 2,
        onStateChange: (s) => states.push(s),
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      partRequests()
        .map((r) => r.partNumber)
        .sort(),
    ).toEqual([1, 2]);
    expect(states.at(-1)?.parts.map((p) => p.part_number)).toEqual([2]);
  });
});

describe("a broken source is not retried: UploadSourceError", () => {
  it("in a single upload", async () => {
    const source = brokenSource(small, 40_000);
    const clips = server.state.clips.length;
    const failure = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      source.upload,
      {
        ...single,
        retryPost: true,
      },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UploadSourceError);
    expect((failure as Error).message).toMatch(/EIO/);
    // Read once: a retry (or a redirect) would have read the range again.
    expect(source.reads).toEqual([0]);
    expect(server.state.clips.length).toBe(clips);
  });

  it("in a part", async () => {
    const source = brokenSource(bytes, PART + 50_000);
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), source.upload, {
        ...multipart,
        concurrency: 1,
      }),
    ).rejects.toBeInstanceOf(UploadSourceError);
    // Part 1 once, part 2 once (it broke), and nothing after it.
    expect(source.reads).toEqual([0, PART]);
    expect(events()).toEqual(["CreateMultipartUpload"]);
  });
});

describe("a stream whose length is not the size it was given", () => {
  it.each([
    ["shorter, single upload", SIZE - 1000, single, /ended after/],
    ["longer, single upload", SIZE + 1000, single, /longer than/],
    ["shorter, multipart", SIZE - 1000, multipart, /ended after/],
    ["longer, multipart", SIZE + 1000, multipart, /longer than/],
  ])("%s: a ClipKitValidationError, and no clip", async (_given, actual, options, message) => {
    const limits = { ...TEST_LIMITS, maxSingleSize: 4 * 1024 * 1024 };
    const failure = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      webStreamOf(makeBytes(actual, 3)),
      {
        ...options,
        limits,
        size: SIZE,
      },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as ClipKitValidationError).field).toBe("size");
    expect((failure as Error).message).toMatch(message);
    expect(
      server.state.requests.some((r) => r.status === 201 && r.path === "/fileapi/v2/clips/files"),
    ).toBe(false);
    expect(events()).not.toContain("CompleteMultipartUpload");
  });
});

describe("answers without the documented field are a ResponseParseError", () => {
  it.each([
    ["the single upload without clip_id", isSingle, single, small, /clip_id/],
    [
      "CreateMultipartUpload without upload_context",
      isEvent("CreateMultipartUpload"),
      multipart,
      bytes,
      /upload_context/,
    ],
    ["a part without its etag", isPart(2), multipart, bytes, /part_number_etag\.etag/],
    [
      "CompleteMultipartUpload without clip_id",
      isEvent("CompleteMultipartUpload"),
      multipart,
      bytes,
      /clip_id/,
    ],
  ] as const)("%s", async (_given, match, options, input, message) => {
    server.faults.answer({ status: 201, body: { message: "ok" }, on: "upload", when: match });
    const failure = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([input]),
      options,
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResponseParseError);
    expect(failure).toBeInstanceOf(ClipKitError);
    expect((failure as Error).message).toMatch(message);
  });
});

describe("time limits of requests that carry file bytes", () => {
  it("a body that moves no byte for idleTimeoutMs fails with TimeoutError", async () => {
    const started = Date.now();
    const failure = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      stallingSource(60_000),
      {
        ...single,
        idleTimeoutMs: 200,
      },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TimeoutError);
    expect((failure as Error).message).toMatch(/no byte of the body moved for 200 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("an idle part is retried like a reset, then the upload fails with TimeoutError", async () => {
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), stallingSource(SIZE), {
        ...multipart,
        concurrency: 1,
        idleTimeoutMs: 100,
        maxRetries: 1,
      }),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(events()).toEqual(["CreateMultipartUpload"]);
  });

  it("a server that takes the body and never answers is bounded by timeoutMs", async () => {
    server.faults.silence({ on: "upload", when: isSingle });
    const started = Date.now();
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), small, {
        ...single,
        timeoutMs: 300,
      }),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("the create request", () => {
  it("names the file: the fileName option, else the path's base name", async () => {
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), new Blob([bytes]), {
      ...multipart,
      fileName: "all hands.webm",
    });
    const file = await tempFile(bytes, "from-disk.mp4");
    try {
      await uploadClipNode(fakeClient(server.fileBaseUrl, server.baseUrl), file.path, multipart);
    } finally {
      await file.cleanup();
    }
    const names = [...server.state.uploads.values()].map((u) => u.fileName);
    expect(names.slice(-2)).toEqual(["all hands.webm", "from-disk.mp4"]);
  });

  it("a resume state of a longer stream is refused at complete, not completed", async () => {
    let state: MultipartUploadState | undefined;
    await uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), webStreamOf(bytes), {
      ...multipart,
      onStateChange: (s) => {
        state = s;
      },
    });
    server.state.requests.length = 0;
    const shorter = { ...(state as MultipartUploadState), createdAt: new Date().toISOString() };
    const failure = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      webStreamOf(bytes.subarray(0, 2 * PART)),
      { ...multipart, resume: shorter },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as Error).message).toMatch(/another source/);
    expect(events()).toEqual([]);
  });
});
