import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
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

/**
 * Hashes what passes through, as it passes: the bytes are read once, to be written. After a
 * chunk that leaves the body unfinished (`expected` bytes, when known), `unfinished` runs once.
 */
async function* hashing(
  source: AsyncIterable<Uint8Array>,
  hash: Hash,
  expected: number | undefined,
  unfinished: () => Promise<void>,
) {
  let seen = 0;
  let told = false;
  for await (const chunk of source) {
    hash.update(chunk);
    seen += chunk.byteLength;
    if (!told && (expected === undefined || seen < expected)) {
      told = true;
      await unfinished();
    }
    yield chunk;
  }
}

/** The hash of a resumed `.part`'s bytes so far (read once, before the rest is appended). */
async function hashOfPrefix(path: string): Promise<Hash> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash;
}

/**
 * Resolves once `file` is closed. A failed `pipeline` settles as soon as it has destroyed its
 * streams, but a file stream closes only after the write under way lands: until then the
 * `.part` can still grow, and a resume that took its size before would append after a gap.
 */
function closed(file: WriteStream): Promise<void> {
  if (file.closed) return Promise.resolve();
  return new Promise((resolve) => {
    file.once("close", () => resolve());
    file.destroy();
  });
}

/** Opens the download at `offset`; `validator` (ETag/Last-Modified) guards the resume. */
export type OpenAt = (offset: number, validator: string | undefined) => Promise<Download>;

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

/**
 * The validator of the version a `.part` holds, kept beside it: without one, no resume.
 * `exists`: a file is there (readable or not), to be removed once it is of no use.
 */
async function readValidator(
  metaPath: string,
): Promise<{ exists: boolean; validator: string | undefined }> {
  let text: string;
  try {
    text = await readFile(metaPath, "utf8");
  } catch (error) {
    return { exists: (error as NodeJS.ErrnoException).code !== "ENOENT", validator: undefined };
  }
  try {
    const meta = JSON.parse(text) as { validator?: unknown };
    return {
      exists: true,
      validator: typeof meta.validator === "string" ? meta.validator : undefined,
    };
  } catch {
    return { exists: true, validator: undefined };
  }
}

export interface DownloadToFileOptions {
  /** Resume from an existing `<destination>.part`. Default true. */
  resume?: boolean;
  /**
   * The destination's folder was just made by the caller, so no earlier `.part` or its
   * bookkeeping can be there: none is looked for or removed (with `resume: false` an earlier
   * call's bookkeeping is still cleared; here, two file-system calls of the ten or so a small
   * file costs are saved). Implies `resume: false`.
   */
  freshFolder?: boolean;
}

/**
 * Writes a download to `destination` through `<destination>.part`, renamed when complete.
 * An existing `.part` is resumed only when the version it holds is known (its ETag or
 * Last-Modified, kept in `<destination>.part.json`) and sent as `If-Range`: a file that
 * changed since comes whole and the `.part` starts over — never a spliced file. A body
 * that still ends short (after the client's own resumes) throws and keeps the `.part`.
 * The sha256 is taken as the bytes stream (a resumed `.part`'s prefix is read once first).
 * The version is written down only once a read leaves the body unfinished (or it failed):
 * a small file, done in one read, costs no bookkeeping file — 4 file-system calls of about 10 per
 * file, which bound a whole account's archive of small files — and a kill in its one read
 * just means it starts over.
 */
export async function downloadToFile(
  open: OpenAt,
  destination: string,
  options: DownloadToFileOptions = {},
): Promise<DownloadToFileResult> {
  const partPath = `${destination}.part`;
  const metaPath = `${partPath}.json`;
  // Unknown unless read, and then removed if stale; none in a folder the caller just made.
  let metaOnDisk = options.freshFolder !== true;
  const resume = options.resume !== false && options.freshFolder !== true;
  for (let restarted = false; ; restarted = true) {
    let validator: string | undefined;
    if (resume && !restarted) {
      const meta = await readValidator(metaPath);
      metaOnDisk = meta.exists;
      validator = meta.validator;
    }
    const existing = validator === undefined ? 0 : await sizeOf(partPath);
    const download = await open(existing, existing > 0 ? validator : undefined);
    const append = existing > 0 && download.start === existing;
    // An earlier version's bookkeeping (or a resumed one's, while this one is unwritten).
    if (metaOnDisk && !(append && download.validator === validator)) {
      await rm(metaPath, { force: true });
      metaOnDisk = false;
    }
    const writeMeta = async () => {
      if (metaOnDisk || !download.validator) return;
      await writeFile(metaPath, JSON.stringify({ validator: download.validator }));
      metaOnDisk = true;
    };
    const hash = append ? await hashOfPrefix(partPath) : createHash("sha256");
    const file = createWriteStream(partPath, { flags: append ? "a" : "w" });
    try {
      await pipeline(
        Readable.fromWeb(download.stream as NodeWebStream<Uint8Array>),
        (source: AsyncIterable<Uint8Array>) =>
          hashing(
            source,
            hash,
            download.totalBytes === undefined ? undefined : download.totalBytes - download.start,
            writeMeta,
          ),
        file,
      );
    } catch (error) {
      // Whatever follows (a restart, the next call's resume) needs the .part's final size.
      await closed(file);
      // The file changed in the middle of this call: what the .part holds is stale.
      if (error instanceof DownloadChangedError && !restarted) continue;
      // What the .part holds can be resumed by the next call.
      await writeMeta().catch(() => {});
      throw error;
    }
    const size = (append ? existing : 0) + file.bytesWritten;
    if (download.totalBytes !== undefined && size !== download.totalBytes) {
      throw new IncompleteDownloadError(
        `${partPath} has ${size} bytes; the file has ${download.totalBytes}`,
        size,
        download.totalBytes,
      );
    }
    await rename(partPath, destination);
    if (metaOnDisk) await rm(metaPath, { force: true });
    return {
      path: destination,
      bytes: size,
      resumedFrom: append ? existing : 0,
      sha256: hash.digest("hex"),
    };
  }
}
