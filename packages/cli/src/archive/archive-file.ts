import { mkdir, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Emit } from "./events.js";
import { ListedSizeMismatchError } from "./failure-streak.js";
import { sha256File } from "./hash.js";
import type { Manifest, ManifestEntry } from "./manifest.js";
import type { ArchiveItem, DownloadStrategy } from "./source.js";

const PROGRESS_EVERY_MS = 250;

export interface FileArchiverOptions {
  out: string;
  manifest: Manifest;
  signal: AbortSignal;
  emit: Emit;
}

export interface ArchivedFile {
  entry: ManifestEntry;
  /** Bytes a `.part` from an earlier run already held. */
  resumedFrom: number;
  /** Already complete under its final name: hashed, not downloaded. */
  verifiedOnly: boolean;
}

async function sizeOnDisk(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
}

export interface FileArchiver<I extends ArchiveItem> {
  /** In the manifest and stored with the listed size: nothing to do. */
  isArchived(item: I): Promise<boolean>;
  /** Downloads `item` the way `downloads` says (`watch`: an event's token), verifies, records. */
  archive(item: I, downloads: DownloadStrategy<I>): Promise<ArchivedFile>;
}

/**
 * Downloads, verifies and records one file at a time, the one way `archive` and `watch` do
 * it for every source: `.part` files resume, a file reaches its final name only complete,
 * its size is checked against the listing and its sha256 goes to the manifest.
 */
export function fileArchiver<I extends ArchiveItem>(options: FileArchiverOptions): FileArchiver<I> {
  const { out, manifest, emit, signal } = options;
  // A meeting's folder is made once, not once per file (a file-system call saved per file
  // counts in an account of 30,000 small files), and whether this run made it: then none of
  // its files can be there before this run puts them there, and nothing needs looking for.
  // Only the latest folders are remembered: a meeting's files are taken one after another,
  // and making a folder again does no harm.
  // The files of a meeting that workers take at once share its one `mkdir`.
  const made = new Map<string, Promise<boolean>>();
  const MADE_KEPT = 256;

  async function isArchived(item: I): Promise<boolean> {
    const entry = manifest.entries.get(item.id);
    if (!entry || entry.path !== item.path) return false;
    if (item.size !== undefined && entry.size !== item.size) return false;
    return (await sizeOnDisk(join(out, item.path))) === entry.size;
  }

  async function archive(item: I, downloads: DownloadStrategy<I>): Promise<ArchivedFile> {
    const destination = join(out, item.path);
    const folder = dirname(destination);
    let making = made.get(folder);
    if (making === undefined) {
      // `recursive` answers the first folder it made, nothing when the folder was there.
      making = mkdir(folder, { recursive: true }).then((first) => first !== undefined);
      if (made.size >= MADE_KEPT) made.clear();
      made.set(folder, making);
      // A failed `mkdir` is that file's failure; the next file of the folder tries again.
      making.catch(() => made.delete(folder));
    }
    const fresh = await making;
    let resumedFrom = 0;
    let sha256: string | undefined;
    let size = fresh ? undefined : await sizeOnDisk(destination);
    // Only complete files ever get a final name; one the manifest lacks (a kill came between
    // the rename and the manifest line) needs its hash, not a download.
    const verifiedOnly = size !== undefined && (item.size === undefined || size === item.size);
    if (verifiedOnly) {
      // A kill between the rename and the removal of the resume bookkeeping leaves it behind.
      await rm(`${destination}.part.json`, { force: true });
    } else {
      emit({ type: "start", fileId: item.id, path: item.path, size: item.size });
      let last = 0;
      const result = await downloads.toFile(item, destination, {
        signal,
        // A folder this run made holds no `.part` to resume: its bookkeeping is neither read
        // nor cleared (two file-system calls of the few each small file costs).
        freshFolder: fresh,
        onProgress: ({ bytesReceived, totalBytes }) => {
          // The read that completes the file: `done` says so next (a small file read at once
          // reports no progress, one event fewer per file of an account's 30,000).
          if (bytesReceived === (totalBytes ?? item.size)) return;
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          emit({
            type: "progress",
            fileId: item.id,
            path: item.path,
            bytes: bytesReceived,
            size: totalBytes ?? item.size,
          });
        },
      });
      resumedFrom = result.resumedFrom;
      size = result.bytes;
      sha256 = result.sha256;
      if (item.size !== undefined && size !== item.size) {
        await rm(destination, { force: true });
        throw new ListedSizeMismatchError(
          `${size} bytes downloaded; the listing says ${item.size}`,
        );
      }
    }
    // Hashed as it streamed; only a file found complete on disk is read to hash it.
    sha256 ??= await sha256File(destination);
    const entry = manifestEntry(item, size ?? 0, sha256);
    await manifest.record(entry);
    emit({
      type: "done",
      fileId: item.id,
      path: item.path,
      size: entry.size,
      sha256,
      resumedFrom,
      verifiedOnly,
    });
    return { entry, resumedFrom, verifiedOnly };
  }

  return { isArchived, archive };
}

/** The manifest's line for a file just verified. */
export function manifestEntry(item: ArchiveItem, size: number, sha256: string): ManifestEntry {
  const d = item.describes;
  // Every field named, in the manifest's order: one object shape for all 30,000 of an account.
  return {
    fileId: item.id,
    user: item.user,
    meetingUuid: d.meetingUuid,
    meetingId: d.meetingId,
    topic: d.topic,
    startTime: d.startTime,
    fileType: d.fileType,
    recordingType: d.recordingType,
    path: item.path,
    size,
    sha256,
    status: "verified",
    at: new Date().toISOString(),
  };
}
