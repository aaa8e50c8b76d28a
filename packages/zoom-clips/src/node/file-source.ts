import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { mediaTypeFor, UPLOAD_SOURCE, type UploadSource } from "../uploads/source.js";

const CHUNK = 256 * 1024;

/** Bytes `[start, end)` of a file, read a chunk at a time as the consumer pulls. */
function fileRange(path: string, start: number, end: number): ReadableStream<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let position = start;
  const close = async () => {
    const h = handle;
    handle = undefined;
    await h?.close();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        handle ??= await open(path, "r");
        const length = Math.min(CHUNK, end - position);
        if (length <= 0) {
          await close();
          controller.close();
          return;
        }
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        if (bytesRead === 0) throw new Error(`${path} ended at byte ${position}, before ${end}`);
        position += bytesRead;
        controller.enqueue(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
      } catch (error) {
        await close().catch(() => {});
        controller.error(error);
      }
    },
    cancel: close,
  });
}

/**
 * A file on disk as an upload source: its size from `stat`, its bytes read lazily (and any
 * part re-read from disk on a retry), so a file of any size costs a few chunks of memory.
 */
export async function fileSource(
  path: string,
  hints: { name?: string; type?: string } = {},
): Promise<UploadSource> {
  const info = await stat(path);
  if (!info.isFile()) throw new TypeError(`${path} is not a file`);
  const size = info.size;
  const name = hints.name ?? basename(path);
  return {
    [UPLOAD_SOURCE]: true,
    size,
    name,
    type: hints.type ?? mediaTypeFor(name),
    slice: (start, end) => fileRange(path, start, end),
    stream: () => fileRange(path, 0, size),
  };
}
