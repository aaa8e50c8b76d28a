import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DownloadChangedError, IncompleteDownloadError } from "@clipkit/core";
import type { Download } from "@clipkit/core/internal";
import { describe, expect, it, onTestFinished } from "vitest";
import { downloadToFile } from "../src/node/download-to-file.js";

const FILE = Buffer.from("0123456789abcdefghij");
/** The whole file's sha256: what every complete download reports, resumed or not. */
const SHA256 = createHash("sha256").update(FILE).digest("hex");

/** A download of FILE from `start`; `fail` errors the stream after its bytes. */
function download(
  start: number,
  options: {
    validator?: string;
    totalBytes?: number | undefined;
    fail?: Error;
    bytes?: Buffer;
  } = {},
): Download {
  const bytes = options.bytes ?? FILE.subarray(start);
  let sent = false;
  return {
    url: "https://file.example/f",
    start,
    totalBytes: "totalBytes" in options ? options.totalBytes : FILE.length,
    contentType: "video/mp4",
    validator: options.validator,
    stream: new ReadableStream({
      // The bytes first, then the end or the failure, as a connection delivers them.
      async pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new Uint8Array(bytes));
        } else if (options.fail) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          controller.error(options.fail);
        } else controller.close();
      },
    }),
  };
}

/** Resolves once `done()` holds (checked on each turn of the event loop), or after 2 s. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setImmediate(r));
}

/** `n` bytes in a pattern of period 251, so bytes shifted by a power of two differ. */
function pattern(n: number, seed: number): Buffer {
  const period = Buffer.alloc(251);
  for (let i = 0; i < period.length; i++) period[i] = (i * 7 + seed) & 0xff;
  return Buffer.alloc(n, period);
}

const HEAD = 1024;
/** Big enough that its write (on the thread pool) takes a while. */
const LARGE = HEAD + 8 * 1024 * 1024;

/**
 * `bytes` as a small chunk then one large one, then `error` as soon as the `.part` holds more
 * than the small one: the connection breaks while the large chunk is still being written.
 */
function breaksWhileWriting(part: string, bytes: Buffer, error: Error): ReadableStream {
  let pulls = 0;
  return new ReadableStream({
    async pull(controller) {
      pulls++;
      if (pulls === 1) return controller.enqueue(new Uint8Array(bytes.subarray(0, HEAD)));
      if (pulls === 2) return controller.enqueue(new Uint8Array(bytes.subarray(HEAD)));
      await until(() => existsSync(part) && statSync(part).size > HEAD);
      controller.error(error);
    },
  });
}

function place() {
  const dir = mkdtempSync(join(tmpdir(), "clipkit-dl-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const destination = join(dir, "f.mp4");
  return { destination, part: `${destination}.part`, meta: `${destination}.part.json` };
}

describe("downloadToFile", () => {
  it("writes the file through a .part, then renames it and drops the bookkeeping", async () => {
    const { destination, part, meta } = place();
    const calls: unknown[] = [];
    const result = await downloadToFile(async (offset, validator) => {
      calls.push([offset, validator]);
      return download(offset, { validator: '"v1"' });
    }, destination);
    expect(result).toEqual({
      path: destination,
      bytes: FILE.length,
      resumedFrom: 0,
      sha256: SHA256,
    });
    expect(readFileSync(destination)).toEqual(FILE);
    expect(calls).toEqual([[0, undefined]]);
    expect(existsSync(part)).toBe(false);
    expect(existsSync(meta)).toBe(false);
  });

  it.each([
    { given: "a body done in one read", chunks: 1, bookkeeping: false },
    { given: "a body of more reads", chunks: 2, bookkeeping: true },
  ])(
    "$given: its version is kept beside the .part while it downloads: $bookkeeping",
    async ({ chunks, bookkeeping }) => {
      const { destination, part, meta } = place();
      let seen: boolean | undefined;
      let pulls = 0;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          pulls++;
          // Once the first chunk is in the file (it is written only after its bookkeeping, if
          // any): is the bookkeeping there? Waited for, not slept on: a busy machine is slow.
          if (pulls === 2) {
            await until(() => existsSync(part) && statSync(part).size >= 10);
            seen = existsSync(meta);
          }
          if (pulls <= chunks) controller.enqueue(new Uint8Array(FILE.subarray(0, 10)));
          else controller.close();
        },
      });
      const result = await downloadToFile(
        async () => ({ ...download(0, { validator: '"v1"' }), totalBytes: 10 * chunks, stream }),
        destination,
      );
      expect(result.bytes).toBe(10 * chunks);
      expect(seen).toBe(bookkeeping);
      expect(existsSync(meta)).toBe(false);
    },
  );

  it("resumes a .part whose version is known, appending from its size", async () => {
    const { destination, part, meta } = place();
    writeFileSync(part, FILE.subarray(0, 8));
    writeFileSync(meta, JSON.stringify({ validator: '"v1"' }));
    const calls: unknown[] = [];
    const result = await downloadToFile(async (offset, validator) => {
      calls.push([offset, validator]);
      return download(offset, { validator: '"v1"' });
    }, destination);
    expect(calls).toEqual([[8, '"v1"']]);
    expect(result).toEqual({
      path: destination,
      bytes: FILE.length,
      resumedFrom: 8,
      sha256: SHA256,
    });
    expect(readFileSync(destination)).toEqual(FILE);
  });

  it("starts over when the server sends the whole file instead", async () => {
    const { destination, part, meta } = place();
    writeFileSync(part, Buffer.from("stale---"));
    writeFileSync(meta, JSON.stringify({ validator: '"v0"' }));
    const result = await downloadToFile(
      async () => download(0, { validator: '"v1"' }),
      destination,
    );
    expect(result.resumedFrom).toBe(0);
    expect(readFileSync(destination)).toEqual(FILE);
  });

  it.each([
    ["a .part without its version", null],
    ["a version that is not a string", JSON.stringify({ validator: 5 })],
    ["unreadable bookkeeping", "{not json"],
  ])("does not resume %s", async (_name, metaText) => {
    const { destination, part, meta } = place();
    writeFileSync(part, Buffer.from("stale---"));
    if (metaText !== null) writeFileSync(meta, metaText);
    const calls: unknown[] = [];
    await downloadToFile(async (offset, validator) => {
      calls.push([offset, validator]);
      return download(offset);
    }, destination);
    expect(calls).toEqual([[0, undefined]]);
    expect(readFileSync(destination)).toEqual(FILE);
  });

  it("does not resume with resume: false", async () => {
    const { destination, part, meta } = place();
    writeFileSync(part, FILE.subarray(0, 8));
    writeFileSync(meta, JSON.stringify({ validator: '"v1"' }));
    const calls: unknown[] = [];
    await downloadToFile(
      async (offset, validator) => {
        calls.push([offset, validator]);
        return download(offset, { validator: '"v1"' });
      },
      destination,
      { resume: false },
    );
    expect(calls).toEqual([[0, undefined]]);
    expect(readFileSync(destination)).toEqual(FILE);
  });

  it("an empty .part is not a resume", async () => {
    const { destination, part, meta } = place();
    writeFileSync(part, "");
    writeFileSync(meta, JSON.stringify({ validator: '"v1"' }));
    const calls: unknown[] = [];
    await downloadToFile(async (offset, validator) => {
      calls.push([offset, validator]);
      return download(offset, { validator: '"v1"' });
    }, destination);
    expect(calls).toEqual([[0, undefined]]);
  });

  it("keeps the .part and its version when the body ends short, for the next call", async () => {
    const { destination, part, meta } = place();
    const short = new IncompleteDownloadError("short", 6, FILE.length);
    const error = await downloadToFile(
      async () => download(0, { validator: '"v1"', bytes: FILE.subarray(0, 6), fail: short }),
      destination,
    ).catch((e: unknown) => e);
    expect(error).toBe(short);
    expect(readFileSync(part)).toEqual(FILE.subarray(0, 6));
    expect(JSON.parse(readFileSync(meta, "utf8"))).toEqual({ validator: '"v1"' });
    expect(existsSync(destination)).toBe(false);
  });

  it("forgets a version when the new answer has none", async () => {
    const { destination, meta } = place();
    const error = await downloadToFile(
      async () => download(0, { bytes: FILE.subarray(0, 6), fail: new Error("broken") }),
      destination,
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe("broken");
    expect(existsSync(meta)).toBe(false);
  });

  it("restarts from byte 0 once when the file changed during the call", async () => {
    const { destination, part, meta } = place();
    writeFileSync(part, FILE.subarray(0, 8));
    writeFileSync(meta, JSON.stringify({ validator: '"v1"' }));
    const calls: unknown[] = [];
    const result = await downloadToFile(async (offset, validator) => {
      calls.push([offset, validator]);
      return calls.length === 1
        ? download(offset, { validator: '"v1"', fail: new DownloadChangedError("changed") })
        : download(0, { validator: '"v2"' });
    }, destination);
    expect(calls).toEqual([
      [8, '"v1"'],
      [0, undefined],
    ]);
    expect(result).toEqual({
      path: destination,
      bytes: FILE.length,
      resumedFrom: 0,
      sha256: SHA256,
    });
    expect(readFileSync(destination)).toEqual(FILE);
  });

  it("gives up when the file changes again", async () => {
    const { destination } = place();
    let calls = 0;
    const error = await downloadToFile(async () => {
      calls++;
      return download(0, { fail: new DownloadChangedError("changed") });
    }, destination).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadChangedError);
    expect(calls).toBe(2);
  });

  it("refuses a file whose size is not the announced one", async () => {
    const { destination, part } = place();
    const error = await downloadToFile(
      async () => download(0, { bytes: FILE.subarray(0, 5), totalBytes: FILE.length }),
      destination,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteDownloadError);
    expect(error).toMatchObject({ bytesReceived: 5, expectedBytes: FILE.length });
    expect((error as Error).message).toBe(`${part} has 5 bytes; the file has ${FILE.length}`);
    expect(existsSync(destination)).toBe(false);
  });

  it("takes any size when none was announced", async () => {
    const { destination } = place();
    const result = await downloadToFile(
      async () => download(0, { bytes: FILE.subarray(0, 5), totalBytes: undefined }),
      destination,
    );
    expect(result.bytes).toBe(5);
  });

  // Four rounds: the late write lands only when the break comes in the middle of it (before
  // the fix, 38 of 40 rounds did).
  it("a failed call ends once its writes are in the .part: a resume right after appends at its true end", async () => {
    const whole = pattern(LARGE + HEAD, 1);
    const sha256 = createHash("sha256").update(whole).digest("hex");
    for (let round = 0; round < 4; round++) {
      const { destination, part } = place();
      const reset = new Error("connection reset");
      const error = await downloadToFile(
        async () => ({
          ...download(0, { validator: '"v1"', totalBytes: whole.length }),
          stream: breaksWhileWriting(part, whole.subarray(0, LARGE), reset),
        }),
        destination,
      ).catch((e: unknown) => e);
      expect(error).toBe(reset);
      const sizeAtFailure = statSync(part).size;
      // The large chunk's write was under way when the call failed: it has landed whole.
      expect(sizeAtFailure).toBe(LARGE);
      // At once, as a caller's retry would.
      const result = await downloadToFile(
        async (offset, validator) =>
          download(offset, { validator, totalBytes: whole.length, bytes: whole.subarray(offset) }),
        destination,
      );
      expect(result.resumedFrom).toBe(sizeAtFailure);
      expect(result.sha256).toBe(sha256);
      expect(readFileSync(destination).equals(whole)).toBe(true);
    }
  });
});
