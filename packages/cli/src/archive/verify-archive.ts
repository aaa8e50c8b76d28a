import { readdir, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { QUEUE_DIR } from "../watch/event-queue.js";
import type { ArchiveUser } from "./account-users.js";
import type { S3Destination } from "./archive-target.js";
import type { Emit } from "./events.js";
import { sha256File } from "./hash.js";
import { MANIFEST_NAME, type Manifest, openManifest } from "./manifest.js";
import { STAGING_PREFIX } from "./s3-location.js";
import { type ArchiveItem, type ArchiveSource, planOf } from "./source.js";

export interface VerifyOptions<I extends ArchiveItem> {
  /** What the archive holds (recordings, clips): its listing, and its part of `out`. */
  source: ArchiveSource<I>;
  users: ArchiveUser[];
  from: string;
  to: string;
  out: string;
  /** Check the objects of this bucket instead of the folder `out`. */
  s3?: S3Destination;
  signal: AbortSignal;
  emit: Emit;
}

/** What verify reads of an archive, wherever it is stored. */
interface StoredArchive {
  manifest: Manifest;
  /** Every stored file (relative path → size), bookkeeping aside. */
  files(): Promise<Map<string, number>>;
  /** A stored file's sha256, from its bytes. */
  sha256(path: string): Promise<string>;
}

async function localArchive(out: string): Promise<StoredArchive> {
  const manifest = await openManifest(out);
  await manifest.close();
  return { manifest, files: () => filesOnDisk(out), sha256: (path) => sha256File(join(out, path)) };
}

async function s3Archive({ client, location }: S3Destination): Promise<StoredArchive> {
  const { listObjects, openS3Manifest, sha256OfObject } = await import("./s3-target.js");
  const manifest = await openS3Manifest(client, location);
  return {
    manifest,
    async files() {
      const found = new Map<string, number>();
      for (const [path, size] of await listObjects(client, location)) {
        if (!isBookkeeping(path)) found.set(path, size);
      }
      return found;
    },
    sha256: (path) => sha256OfObject(client, location, path),
  };
}

export interface VerifyResult {
  checked: number;
  missing: number;
  changed: number;
  unexpected: number;
  /** Missing or changed files that Zoom still lists: a re-run of `archive` can fetch them. */
  repairable: number;
  /**
   * Changed files Zoom still lists whose size is still the listed one: a re-run of `archive`
   * skips them (it trusts a recorded file of the right size), so they must be deleted first.
   * Every other missing or changed file that Zoom lists, `archive` downloads again.
   */
  changedInPlace: string[];
}

/** Files that are the archive's bookkeeping, not archived recordings. */
function isBookkeeping(path: string): boolean {
  return (
    path.startsWith(`${QUEUE_DIR}/`) ||
    path.startsWith(STAGING_PREFIX) ||
    path.startsWith(MANIFEST_NAME) ||
    path.endsWith(".part") ||
    path.endsWith(".part.json")
  );
}

async function filesOnDisk(out: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const name of await readdir(out, { recursive: true })) {
    const path = name.split(sep).join("/");
    if (isBookkeeping(path)) continue;
    const info = await stat(join(out, name));
    if (info.isFile()) found.set(path, info.size);
  }
  return found;
}

/**
 * Holds a source's part of an archive against Zoom and itself: every file the source lists for
 * the users and range must be stored with the listed size, every file of the manifest must
 * still hash to its sha256, and no other file may sit among them. Reports each mismatch;
 * changes nothing.
 */
export async function verifyArchive<I extends ArchiveItem>(
  options: VerifyOptions<I>,
): Promise<VerifyResult> {
  const { emit, out, source } = options;
  emit({
    type: "listing",
    users: options.users.map((u) => u.name),
    from: options.from,
    to: options.to,
  });
  const plan = await planOf(source, { users: options.users, signal: options.signal });
  const stored = options.s3 ? await s3Archive(options.s3) : await localArchive(out);
  const disk = new Map([...(await stored.files())].filter(([path]) => source.holds(path)));
  const byPath = new Map(
    [...stored.manifest.entries.values()]
      .filter((e) => source.holds(e.path))
      .map((e) => [e.path, e]),
  );
  const result: VerifyResult = {
    checked: 0,
    missing: 0,
    changed: 0,
    unexpected: 0,
    repairable: 0,
    changedInPlace: [],
  };
  const seen = new Set<string>();
  const listed = new Set(plan.files.map((item) => item.path));
  // One finding a file: a file the listing already shows wrong is not re-hashed as well.
  const found = new Set<string>();
  const report = (
    kind: "missing" | "changed",
    about: { fileId: string; path: string },
    reason: string,
  ) => {
    found.add(about.path);
    result[kind]++;
    if (listed.has(about.path)) result.repairable++;
    emit({ type: `verify-${kind}`, ...about, reason });
  };

  for (const item of plan.files) {
    if (options.signal.aborted) break;
    seen.add(item.path);
    result.checked++;
    const size = disk.get(item.path);
    const about = { fileId: item.id, path: item.path };
    if (size === undefined) report("missing", about, "listed by Zoom, not in the archive");
    else if (item.size !== undefined && size !== item.size) {
      report("changed", about, `${size} bytes; Zoom lists ${item.size}`);
    } else if (!byPath.has(item.path)) {
      report("changed", about, "not in the manifest (never verified)");
    }
  }
  // Every recorded file, listed or not (a trashed meeting is no longer listed): its bytes.
  for (const entry of byPath.values()) {
    if (options.signal.aborted) break;
    if (!seen.has(entry.path)) result.checked++;
    seen.add(entry.path);
    if (found.has(entry.path)) continue;
    const about = { fileId: entry.fileId, path: entry.path };
    if (!disk.has(entry.path)) report("missing", about, "in the manifest, gone from the archive");
    else if ((await stored.sha256(entry.path)) !== entry.sha256) {
      report("changed", about, "sha256 differs from the manifest's");
      if (listed.has(entry.path)) result.changedInPlace.push(entry.path);
    }
  }
  for (const path of disk.keys()) {
    if (seen.has(path)) continue;
    result.unexpected++;
    emit({ type: "verify-unexpected", path });
  }
  const { changedInPlace: _, repairable: __, ...counts } = result;
  emit({
    type: "verify-summary",
    ...counts,
    ok: result.missing + result.changed + result.unexpected === 0,
  });
  return result;
}
