import { ClipKitValidationError } from "@clipkit/core";
import { UploadSourceError } from "./errors.js";
import type { Plan } from "./plan.js";
import { bytesStream } from "./source.js";

/** One part of a multipart upload: its number, size and a fresh stream of its bytes per attempt. */
export interface Part {
  number: number;
  size: number;
  body: () => ReadableStream<Uint8Array>;
}

/** Hands out the parts in order, one call at a time; `undefined` after the last. */
export type NextPart = () => Promise<Part | undefined>;

/**
 * The parts of a source in order. A source that can be sliced yields descriptions only (each
 * attempt re-reads its range); a stream is cut into buffers of `partSize`, one per part in
 * flight, so a part can be re-sent. A stream shorter or longer than its declared size, or
 * longer than `maxParts` parts, fails with `ClipKitValidationError`.
 */
export function partsOf(plan: Plan): NextPart {
  const { source, size, partSize } = plan;
  const slice = source.slice?.bind(source);
  if (slice && size !== undefined) {
    const count = Math.ceil(size / partSize);
    let number = 0;
    return async () => {
      if (number >= count) return undefined;
      number++;
      const start = (number - 1) * partSize;
      const end = Math.min(size, start + partSize);
      return { number, size: end - start, body: () => slice(start, end) };
    };
  }
  const cut = streamCutter(source.stream(), plan);
  let chain: Promise<Part | undefined> = Promise.resolve(undefined);
  // One read at a time, in order, whichever worker asks; after a failure every later call
  // fails the same way (the workers stop at the first one anyway).
  return () => {
    chain = chain.then(cut);
    return chain;
  };
}

function streamCutter(stream: ReadableStream<Uint8Array>, plan: Plan): NextPart {
  const { size, partSize, limits } = plan;
  const reader = stream.getReader();
  let leftover: Uint8Array | undefined;
  let read = 0;
  let number = 0;
  const readChunk = async (): Promise<Uint8Array | undefined> => {
    try {
      // A finished reader keeps answering done: no flag needed to stop reading.
      return (await reader.read()).value;
    } catch (error) {
      throw new UploadSourceError(
        `reading the upload's source failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  };
  const end = () => {
    if (size !== undefined && read !== size) {
      throw new ClipKitValidationError("size", `the stream ended after ${read} of ${size} bytes`);
    }
    return undefined;
  };
  return async () => {
    // Allocated at the first byte: a call after the end costs no part-sized buffer.
    let buffer: Uint8Array | undefined;
    let filled = 0;
    while (filled < partSize) {
      const chunk = leftover ?? (await readChunk());
      leftover = undefined;
      if (!chunk) break;
      buffer ??= new Uint8Array(partSize);
      const take = Math.min(chunk.byteLength, partSize - filled);
      buffer.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.byteLength) leftover = chunk.subarray(take);
    }
    read += filled;
    if (size !== undefined && read > size) {
      throw new ClipKitValidationError("size", `the stream is longer than the ${size} bytes given`);
    }
    if (filled === 0) return end();
    number++;
    if (number > limits.maxParts) {
      throw new ClipKitValidationError(
        "size",
        `the stream is longer than ${limits.maxParts} parts of ${partSize} bytes; give a larger partSize`,
      );
    }
    // A byte was read, so the buffer exists.
    const full = buffer as Uint8Array;
    const bytes = filled === partSize ? full : full.subarray(0, filled);
    return { number, size: filled, body: () => bytesStream(bytes) };
  };
}
