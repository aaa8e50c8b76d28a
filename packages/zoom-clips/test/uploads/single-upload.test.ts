import { Readable } from "node:stream";
import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { type UploadProgress, uploadClip } from "../../src/index.js";
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

const SIZE = 300_001;
const bytes = makeBytes(SIZE, 7);
const common = { limits: TEST_LIMITS, multipartThreshold: 1024 * 1024 };

const sources: [string, () => Promise<{ input: unknown; size?: number }>][] = [
  ["a Blob", async () => ({ input: new Blob([bytes], { type: "video/mp4" }) })],
  ["a Buffer", async () => ({ input: Buffer.from(bytes) })],
  ["a Uint8Array", async () => ({ input: new Uint8Array(bytes) })],
  ["a web ReadableStream (size given)", async () => ({ input: webStreamOf(bytes), size: SIZE })],
  ["a Node Readable (size given)", async () => ({ input: nodeReadableOf(bytes), size: SIZE })],
  [
    "a file path (node entry)",
    // Removed when the test ends.
    async () => ({ input: (await tempFile(bytes)).path }),
  ],
];

describe("uploadClip: single POST /clips/files, streamed multipart/form-data", () => {
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
    expect(clip?.via).toBe("single");
    expect(clip?.size).toBe(SIZE);
    expect(clip?.sha256).toBe(sha256(bytes));
    expect(progress.at(-1)).toEqual({ bytesSent: SIZE, totalBytes: SIZE });
    const [request] = server.state.requests;
    expect(server.state.requests).toHaveLength(1);
    expect(request?.authorization).toBe(true);
    // The body length is known up front: no chunked encoding for a known size.
    expect(Number(request?.contentLength)).toBeGreaterThan(SIZE);
  });

  it("names the file part after the path or the option", async () => {
    const file = await tempFile(bytes.subarray(0, 1000), "my clip.webm");
    try {
      const a = await uploadClipNode(
        fakeClient(server.fileBaseUrl, server.baseUrl),
        file.path,
        common,
      );
      expect(uploaded(server, a.clip_id)?.fileName).toBe("my clip.webm");
      const b = await uploadClip(
        fakeClient(server.fileBaseUrl, server.baseUrl),
        bytes.subarray(0, 10),
        {
          ...common,
          fileName: 'we"ird.mp4',
        },
      );
      expect(uploaded(server, b.clip_id)?.fileName).toBe("we%22ird.mp4");
    } finally {
      await file.cleanup();
    }
  });

  it("with retryPost, retries a 500 and a connection reset mid-body, re-sending a re-readable source", async () => {
    server.faults.serverError({
      status: 500,
      on: "upload",
      when: (r) => r.path === "/fileapi/v2/clips/files",
    });
    server.faults.resetConnection({
      afterBytes: 100_000,
      on: "upload",
      when: (r) => r.path === "/fileapi/v2/clips/files",
    });
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      new Blob([bytes]),
      {
        ...common,
        retryPost: true,
      },
    );
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes));
    expect(server.state.requests.map((r) => (r.reset ? "reset" : r.status))).toEqual([
      500,
      "reset",
      201,
    ]);
  });

  it("honours Retry-After on a 429", async () => {
    server.faults.rateLimit({
      retryAfterSeconds: 1,
      on: "upload",
      when: (r) => r.path === "/fileapi/v2/clips/files",
    });
    const started = Date.now();
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      bytes.subarray(0, 5000),
      common,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(uploaded(server, clip_id)?.size).toBe(5000);
    expect(server.state.requests.map((r) => r.status)).toEqual([429, 201]);
  });

  it("does not retry a stream it cannot read again", async () => {
    server.faults.serverError({
      status: 503,
      on: "upload",
      when: (r) => r.path === "/fileapi/v2/clips/files",
    });
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), webStreamOf(bytes), {
        ...common,
        size: SIZE,
        retryPost: true,
      }),
    ).rejects.toMatchObject({ name: "InternalServerError", status: 503 });
    expect(server.state.requests).toHaveLength(1);
  });

  it("fails when a stream is shorter than the size it was given, without a clip", async () => {
    await expect(
      uploadClip(fakeClient(server.fileBaseUrl, server.baseUrl), webStreamOf(bytes), {
        ...common,
        size: SIZE + 10,
      }),
    ).rejects.toThrow();
    expect(server.state.requests.every((r) => r.status !== 201)).toBe(true);
  });

  it("sends a stream whose source yields empty chunks (they are skipped, not a stall)", async () => {
    const chunks = [bytes.subarray(0, 1000), new Uint8Array(0), bytes.subarray(1000, 2000)];
    const { clip_id } = await uploadClip(
      fakeClient(server.fileBaseUrl, server.baseUrl),
      Readable.from(chunks.map((c) => Buffer.from(c))),
      // Before the fix the body stopped at the empty chunk until the idle limit failed it.
      { ...common, size: 2000, idleTimeoutMs: 5000 },
    );
    expect(uploaded(server, clip_id)?.sha256).toBe(sha256(bytes.subarray(0, 2000)));
  });

  it("rejects bad inputs before any request", async () => {
    const client = fakeClient(server.fileBaseUrl, server.baseUrl);
    await expect(uploadClip(client, 42 as never, common)).rejects.toBeInstanceOf(
      ClipKitValidationError,
    );
    await expect(
      uploadClip(client, new Blob([bytes]), { ...common, concurrency: 0 }),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(server.state.requests).toHaveLength(0);
  });
});
