import { createHash } from "node:crypto";

const BLOCK = 1 << 20;
const CHUNK = 64 * 1024;

let pattern: Buffer | undefined;

/**
 * One pseudo-random megabyte (plus a chunk's overlap) that every file is a window of: a file
 * starts at its own offset, so files differ, and a body is served as slices of this buffer
 * without generating or holding any file in memory.
 */
function block(): Buffer {
  if (pattern) return pattern;
  const buffer = Buffer.alloc(BLOCK + CHUNK);
  let x = 0x9e3779b9;
  for (let i = 0; i < BLOCK; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buffer[i] = x & 0xff;
  }
  buffer.copy(buffer, BLOCK, 0, CHUNK);
  pattern = buffer;
  return buffer;
}

/** The bytes `start`..`end` (exclusive) of the file whose content starts at `offset`, in chunks. */
export function* fileChunks(offset: number, start: number, end: number): Generator<Buffer> {
  const data = block();
  for (let at = start; at < end; at += CHUNK) {
    const from = (offset + at) % BLOCK;
    yield data.subarray(from, from + Math.min(CHUNK, end - at));
  }
}

/** The whole file, for tests that compare bytes. */
export function fileBytes(offset: number, size: number): Buffer {
  return Buffer.concat([...fileChunks(offset, 0, size)]);
}

export function fileSha256(offset: number, size: number): string {
  const hash = createHash("sha256");
  for (const chunk of fileChunks(offset, 0, size)) hash.update(chunk);
  return hash.digest("hex");
}
