import { createWriteStream } from "node:fs";
import { rename, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { type Download, IncompleteDownloadError } from "../download.js";

export interface DownloadToFileResult {
  path: string;
  /** The file's size. */
  bytes: number;
  /** Where this call started: the `.part` file's size when the server honoured the Range. */
  resumedFrom: number;
}

/**
 * Writes a download to `destination` through `<destination>.part`, renamed when complete.
 * An existing `.part` is resumed (`open(offset)` asks for a Range); if the server sends the
 * whole file instead, it is started over. A short body throws and leaves the `.part`.
 */
export async function downloadToFile(
  open: (offset: number) => Promise<Download>,
  destination: string,
  options: { resume?: boolean } = {},
): Promise<DownloadToFileResult> {
  const partPath = `${destination}.part`;
  const existing =
    options.resume === false
      ? 0
      : await stat(partPath).then(
          (s) => s.size,
          () => 0,
        );
  const download = await open(existing);
  const append = existing > 0 && download.start === existing;
  await pipeline(
    Readable.fromWeb(download.stream as NodeWebStream<Uint8Array>),
    createWriteStream(partPath, { flags: append ? "a" : "w" }),
  );
  const { size } = await stat(partPath);
  if (download.totalBytes !== undefined && size !== download.totalBytes) {
    throw new IncompleteDownloadError(
      `${partPath} has ${size} bytes; the file has ${download.totalBytes}`,
      size,
      download.totalBytes,
    );
  }
  await rename(partPath, destination);
  return { path: destination, bytes: size, resumedFrom: append ? existing : 0 };
}
