import type { DownloadProgress } from "@clipkit/core";
import type { Download } from "@clipkit/core/internal";
import type { ArchiveUser } from "./account-users.js";
import type { ManifestEntry } from "./manifest.js";

/** What the manifest says about an item besides its place, size and hash. */
export type ItemDescription = Pick<
  ManifestEntry,
  "meetingUuid" | "meetingId" | "topic" | "startTime" | "fileType" | "recordingType"
>;

/** One file to archive, whatever it is (a meeting's recording file, a clip). */
export interface ArchiveItem {
  /** The manifest's key: a recording file's ID, a clip's ID. */
  id: string;
  /** The user's folder under `--out` and the manifest's `user`. */
  user: string;
  /** Relative to `--out`, with `/`. */
  path: string;
  /** The listing's size, when it gave one: a download of another size fails. */
  size: number | undefined;
  describes: ItemDescription;
}

/** What `--trash-after` moves to Zoom's trash at once: a meeting's files, or one clip. */
export interface ArchiveGroup<I extends ArchiveItem = ArchiveItem> {
  /** A meeting instance's UUID, a clip's ID: the events' `meetingUuid`. */
  id: string;
  /** A meeting's topic, a clip's title: the events' `topic`. */
  title: string;
  files: I[];
  /** Files listed without a way to download them: the group is never trashed then. */
  notDownloadable: number;
}

export interface ArchivePlan<I extends ArchiveItem = ArchiveItem> {
  groups: ArchiveGroup<I>[];
  files: I[];
}

export interface FileDownload {
  /** The file's size. */
  bytes: number;
  /** Bytes a `.part` from an earlier run already held. */
  resumedFrom: number;
  /** Hashed as the bytes were written. */
  sha256: string;
}

/** How an item's bytes are fetched: into a file (resumably), or as a stream (for S3). */
export interface DownloadStrategy<I extends ArchiveItem = ArchiveItem> {
  /** Into `destination` through `<destination>.part`, renamed only when complete. */
  toFile(
    item: I,
    destination: string,
    options: {
      signal: AbortSignal;
      onProgress: (progress: DownloadProgress) => void;
      /** A folder this run made: no `.part` can be there, none is looked for or cleared. */
      freshFolder: boolean;
    },
  ): Promise<FileDownload>;
  stream(item: I, options: { signal: AbortSignal }): Promise<Download>;
}

/**
 * What an archive is made of (recordings, clips): the one engine, `runArchive`, runs it, and
 * `verifyArchive` holds what is stored against it.
 */
export interface ArchiveSource<I extends ArchiveItem = ArchiveItem> {
  /**
   * Lists `users` one after another and places each item; `onUser` is called (and waited for)
   * as each user's listing ends, with no page token held meanwhile (Zoom's expire), while
   * that user's files may already download. Nothing listed is kept by the source: an
   * account's 30,000 files are held only as long as their caller holds them.
   */
  list(options: {
    users: ArchiveUser[];
    signal: AbortSignal;
    onUser: (user: ArchiveUser, found: ArchiveGroup<I>[]) => void | Promise<void>;
  }): Promise<void>;
  /**
   * Whether a stored file (relative to `--out`, with `/`) is of this source's part of the
   * archive: recordings and clips may share an `--out`, and each `verify` holds only its own
   * part against Zoom and the manifest.
   */
  holds(path: string): boolean;
  downloads: DownloadStrategy<I>;
  /** Moves a group whose every file is verified to Zoom's trash. */
  trash(group: ArchiveGroup<I>, signal: AbortSignal): Promise<void>;
}

/** Everything `source` lists for `users`, at once (`verify` holds it all against the archive). */
export async function planOf<I extends ArchiveItem>(
  source: ArchiveSource<I>,
  options: { users: ArchiveUser[]; signal: AbortSignal },
): Promise<ArchivePlan<I>> {
  const groups: ArchiveGroup<I>[] = [];
  await source.list({
    ...options,
    onUser: (_user, found) => {
      for (const group of found) groups.push(group);
    },
  });
  return { groups, files: groups.flatMap((g) => g.files) };
}
