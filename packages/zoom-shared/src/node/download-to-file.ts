import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { DownloadChangedError, IncompleteDownloadError } from "@clipkit/core";
import type { Download } from "@clipkit/core/internal";

export interface DownloadToFileResult {
  path: string;
  /** The file's size. */
  bytes: number;
  /** Where this call started: the `.part` file's size when the server honoured the Range. */
  resumedFrom: number;
  /** The file's sha256 (hex), taken as the bytes were written: never read back at the end. */
  sha256: string;
}

/** Hashes what passes through, as it passes: the bytes are read once, to be written. */
async function* hashing(source: AsyncIterable<Uint8Array>, hash: Hash) {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

/** The hash of a resumed `.part`'s bytes so far (read once, before the rest is appended). */
async function hashOfPrefix(path: string): Promise<Hash> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash;
}

/** Opens the download at `offset`; `validator` (ETag/Last-Modified) guards the resume. */
export type OpenAt = (offset: number, validator: string | undefined) => Promise<Download>;

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

/** The validator of the version a `.part` holds, kept beside it: without one, no resume. */
async function readValidator(metaPath: string): Promise<string | undefined> {
  try {
    const meta = JSON.parse(await readFile(metaPath, "utf8")) as { validator?: unknown };
    return typeof meta.validator === "string" ? meta.validator : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a download to `destination` through `<destination>.part`, renamed when complete.
 * An existing `.part` is resumed only when the version it holds is known (its ETag or
 * Last-Modified, kept in `<destination>.part.json`) and sent as `If-Range`: a file that
 * changed since comes whole and the `.part` starts over — never a spliced file. A body
 * that still ends short (after the client's own resumes) throws and keeps the `.part`.
 * The sha256 is taken as the bytes stream (a resumed `.part`'s prefix is read once first).
 */
export async function downloadToFile(
  open: OpenAt,
  destination: string,
  options: { resume?: boolean } = {},
): Promise<DownloadToFileResult> {
  const partPath = `${destination}.part`;
  const metaPath = `${partPath}.json`;
  for (let restarted = false; ; restarted = true) {
    const validator =
      options.resume === false || restarted ? undefined : await readValidator(metaPath);
    const existing = validator === undefined ? 0 : await sizeOf(partPath);
    const download = await open(existing, existing > 0 ? validator : undefined);
    const append = existing > 0 && download.start === existing;
    if (download.validator) {
      await writeFile(metaPath, JSON.stringify({ validator: download.validator }));
    } else await rm(metaPath, { force: true });
    const hash = append ? await hashOfPrefix(partPath) : createHash("sha256");
    try {
      await pipeline(
        Readable.fromWeb(download.stream as NodeWebStream<Uint8Array>),
        (source: AsyncIterable<Uint8Array>) => hashing(source, hash),
        createWriteStream(partPath, { flags: append ? "a" : "w" }),
      );
    } catch (error) {
      // The file changed in the middle of this call: what the .part holds is stale.
      if (error instanceof DownloadChangedError && !restarted) continue;
      throw error;
    }
    const size = await sizeOf(partPath);
    if (download.totalBytes !== undefined && size !== download.totalBytes) {
      throw new IncompleteDownloadError(
        `${partPath} has ${size} bytes; the file has ${download.totalBytes}`,
        size,
        download.totalBytes,
      );
    }
    await rename(partPath, destination);
    await rm(metaPath, { force: true });
    return {
      path: destination,
      bytes: size,
      resumedFrom: append ? existing : 0,
      sha256: hash.digest("hex"),
    };
  }
}
