import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import {
  toUploadSource,
  UPLOAD_SOURCE,
  type UploadSource,
  UploadSourceError,
} from "../../src/index.js";
import { type Part, partsOf } from "../../src/uploads/parts.js";
import { planUpload } from "../../src/uploads/plan.js";
import { makeBytes, TEST_LIMITS, webStreamOf } from "./helpers.js";

const PART = 64 * 1024;

/** The plan of a multipart upload of `input` in parts of 64 KiB. */
const planOf = (input: Parameters<typeof planUpload>[0], size?: number) =>
  planUpload(input, {
    limits: TEST_LIMITS,
    multipartThreshold: 1,
    partSize: PART,
    ...(size !== undefined ? { size } : {}),
  });

async function bytesOf(part: Part): Promise<Uint8Array> {
  return new Uint8Array(await new Response(part.body()).arrayBuffer());
}

/** A stream of the given chunks, then an end (or an error). */
function streamOf(chunks: Uint8Array[], error?: unknown): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else if (error !== undefined) controller.error(error);
      else controller.close();
    },
  });
}

describe("partsOf: a source that can be sliced", () => {
  it("describes each part by its range, re-read on every call of body, and ends", async () => {
    const bytes = makeBytes(2 * PART + 10);
    const ranges: [number, number][] = [];
    const blob = toUploadSource(new Blob([bytes]));
    const source: UploadSource = {
      ...blob,
      [UPLOAD_SOURCE]: true,
      slice: (start, end) => {
        ranges.push([start, end]);
        return blob.slice?.(start, end) as ReadableStream<Uint8Array>;
      },
    };
    const next = partsOf(planOf(source));
    const parts = [await next(), await next(), await next()] as Part[];
    expect(parts.map((p) => [p.number, p.size])).toEqual([
      [1, PART],
      [2, PART],
      [3, 10],
    ]);
    expect(ranges).toEqual([]); // nothing is read before a part is sent
    expect(await bytesOf(parts[2] as Part)).toEqual(bytes.subarray(2 * PART));
    expect(await bytesOf(parts[1] as Part)).toEqual(bytes.subarray(PART, 2 * PART));
    expect(await bytesOf(parts[1] as Part)).toEqual(bytes.subarray(PART, 2 * PART));
    expect(ranges).toEqual([
      [2 * PART, 2 * PART + 10],
      [PART, 2 * PART],
      [PART, 2 * PART],
    ]);
    expect(await next()).toBeUndefined();
    expect(await next()).toBeUndefined();
  });
});

describe("partsOf: a stream, cut into buffers of partSize", () => {
  it("hands out the parts in order, byte-exact across uneven chunks, the last one short", async () => {
    const bytes = makeBytes(3 * PART + 123, 4);
    const next = partsOf(planOf(webStreamOf(bytes)));
    // Asked all at once (as the workers do): still read one at a time, in order.
    const parts = (await Promise.all([next(), next(), next(), next(), next()])) as Part[];
    expect(parts.map((p) => p?.number)).toEqual([1, 2, 3, 4, undefined]);
    expect(parts.slice(0, 4).map((p) => p.size)).toEqual([PART, PART, PART, 123]);
    for (const [i, part] of parts.slice(0, 4).entries()) {
      expect(await bytesOf(part)).toEqual(bytes.subarray(i * PART, i * PART + part.size));
    }
    // A part can be sent again: its buffer is kept.
    expect(await bytesOf(parts[3] as Part)).toEqual(bytes.subarray(3 * PART));
    expect(await next()).toBeUndefined();
  });

  it("a stream of exactly whole parts ends after the last one, with no empty part", async () => {
    const bytes = makeBytes(2 * PART, 5);
    const next = partsOf(planOf(webStreamOf(bytes), 2 * PART));
    expect((await next())?.size).toBe(PART);
    expect((await next())?.size).toBe(PART);
    expect(await next()).toBeUndefined();
    expect(await next()).toBeUndefined();
  });

  it("a chunk larger than a part is split over several parts", async () => {
    const bytes = makeBytes(2 * PART + 5, 6);
    const next = partsOf(planOf(streamOf([bytes.slice()])));
    const parts = [await next(), await next(), await next()] as Part[];
    expect(parts.map((p) => p.size)).toEqual([PART, PART, 5]);
    expect(await bytesOf(parts[1] as Part)).toEqual(bytes.subarray(PART, 2 * PART));
    expect(await bytesOf(parts[2] as Part)).toEqual(bytes.subarray(2 * PART));
    expect(await next()).toBeUndefined();
  });

  it("a stream shorter than its declared size fails after its last byte", async () => {
    const bytes = makeBytes(PART + 10, 7);
    const next = partsOf(planOf(webStreamOf(bytes), PART + 20));
    expect((await next())?.size).toBe(PART);
    expect((await next())?.size).toBe(10);
    const failure = await next().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as ClipKitValidationError).field).toBe("size");
    expect((failure as Error).message).toBe(
      `size: the stream ended after ${PART + 10} of ${PART + 20} bytes`,
    );
  });

  it("a stream that ends on a part border short of its size fails too", async () => {
    const next = partsOf(planOf(webStreamOf(makeBytes(PART, 8)), PART + 1));
    expect((await next())?.size).toBe(PART);
    await expect(next()).rejects.toThrow(`the stream ended after ${PART} of ${PART + 1} bytes`);
  });

  it("a stream longer than its declared size fails at the part that goes past it", async () => {
    const next = partsOf(planOf(webStreamOf(makeBytes(2 * PART, 9)), PART + 1));
    expect((await next())?.size).toBe(PART);
    const failure = await next().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as Error).message).toBe(
      `size: the stream is longer than the ${PART + 1} bytes given`,
    );
  });

  it("a stream one byte longer than whole parts fails, though its parts were full", async () => {
    const next = partsOf(planOf(webStreamOf(makeBytes(PART + 1, 10)), PART));
    expect((await next())?.size).toBe(PART);
    await expect(next()).rejects.toThrow(/longer than the/);
  });

  it("a stream longer than maxParts parts fails, naming the limit", async () => {
    const plan = planOf(webStreamOf(makeBytes(3 * PART, 11)));
    const next = partsOf({ ...plan, limits: { ...plan.limits, maxParts: 2 } });
    await next();
    await next();
    await expect(next()).rejects.toThrow(
      new ClipKitValidationError(
        "size",
        `the stream is longer than 2 parts of ${PART} bytes; give a larger partSize`,
      ),
    );
  });

  it("exactly maxParts parts are fine", async () => {
    const plan = planOf(webStreamOf(makeBytes(2 * PART, 12)));
    const next = partsOf({ ...plan, limits: { ...plan.limits, maxParts: 2 } });
    expect((await next())?.number).toBe(1);
    expect((await next())?.number).toBe(2);
    expect(await next()).toBeUndefined();
  });

  it("a stream that fails to read becomes an UploadSourceError with its cause", async () => {
    const cause = new Error("socket hang up");
    const next = partsOf(planOf(streamOf([makeBytes(10)], cause)));
    const failure = await next().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UploadSourceError);
    expect((failure as Error).message).toBe("reading the upload's source failed: socket hang up");
    expect((failure as Error).cause).toBe(cause);
    // A failed source stays failed: a later call gets the same error, nothing is read again.
    await expect(next()).rejects.toBe(failure);
  });

  it("a stream failing with a non-Error value says what it was", async () => {
    const next = partsOf(planOf(streamOf([], "gone")));
    await expect(next()).rejects.toThrow("reading the upload's source failed: gone");
  });
});
