import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { type FileHandle, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";

export const MANIFEST_NAME = "manifest.jsonl";

/** One archived file, as the manifest records it (one JSON object per line). */
export interface ManifestEntry {
  fileId: string;
  user: string;
  meetingUuid: string;
  meetingId: number | undefined;
  topic: string;
  startTime: string | undefined;
  fileType: string | undefined;
  recordingType: string | undefined;
  /** Relative to `--out`, with `/`. */
  path: string;
  size: number;
  sha256: string;
  /** `verified`: on disk, size and hash checked; `trashed`: and its meeting moved to Zoom's trash. */
  status: "verified" | "trashed";
  at: string;
}

export interface Manifest {
  /**
   * The latest entry of each file ID: those of earlier runs, and those recorded since unless
   * the manifest was opened not to keep them (an account's run looks none of them up again).
   */
  entries: Map<string, ManifestEntry>;
  /** Appends an entry (a line that a kill cuts short is ignored on the next load). */
  record(entry: ManifestEntry): Promise<void>;
  /**
   * Rewrites the file with one line per file ID, the latest, in the order the IDs first
   * appear (write a copy, then rename over); nothing when no line is stale.
   */
  compact(): Promise<void>;
  close(): Promise<void>;
}

function parseLine(line: string): ManifestEntry | undefined {
  // A blank line fails to parse like a torn one.
  try {
    const entry = JSON.parse(line) as ManifestEntry;
    if (typeof entry.fileId === "string" && typeof entry.sha256 === "string") return entry;
  } catch {
    // The last line of a killed run may be cut short: that file is checked again.
  }
  return undefined;
}

/** The file's entries, and how many of its lines are stale (torn, blank, or superseded). */
function parseLines(text: string): { entries: Map<string, ManifestEntry>; stale: number } {
  const entries = new Map<string, ManifestEntry>();
  const lines = text.split("\n");
  // The text after the last newline is a line only when something is there.
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    const entry = parseLine(line);
    if (entry) entries.set(entry.fileId, entry);
  }
  return { entries, stale: lines.length - entries.size };
}

/** Each line of `path`, in order, read as a stream (an account's manifest is not held whole). */
async function* linesOf(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) yield line;
}

/**
 * Rewrites `path` as its latest entry per file ID, in the order the IDs first appear: read
 * twice, holding the IDs and the latest text of the files that have more than one line
 * only, not the whole manifest.
 */
async function compactFile(path: string): Promise<void> {
  // First pass: where each ID first appears, and the latest line of those that come again.
  const first = new Map<string, number>();
  const latest = new Map<string, string>();
  let count = 0;
  for await (const line of linesOf(path)) {
    const entry = parseLine(line);
    if (entry) {
      if (first.has(entry.fileId)) latest.set(entry.fileId, line);
      else first.set(entry.fileId, count);
    }
    count++;
  }
  const keep = new Uint8Array(count);
  for (const line of first.values()) keep[line] = 1;
  first.clear();
  // Second pass: each first appearance, as its latest line.
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  let n = 0;
  try {
    for await (const line of linesOf(path)) {
      if (keep[n++] === 1) {
        const id = latest.size > 0 ? parseLine(line)?.fileId : undefined;
        const text = (id !== undefined && latest.get(id)) || line;
        if (!out.write(`${text}\n`)) await once(out, "drain");
      }
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
  await rename(tmp, path);
}

/**
 * The manifest in `dir`: appended to as files are verified, so a kill loses no finished file.
 * `keepRecorded: false`: what is recorded goes to the file only (an account's run of 30,000
 * files looks none of them up again), and `compact` reads the file back. The caller then
 * records each file at most once (a run archives each listed file once): a second line of a
 * file recorded this way goes unnoticed, and is left for the next compaction (readers take
 * the latest line anyway).
 */
export async function openManifest(
  dir: string,
  options: { keepRecorded?: boolean } = {},
): Promise<Manifest> {
  const keepRecorded = options.keepRecorded ?? true;
  const path = join(dir, MANIFEST_NAME);
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const loaded = parseLines(text);
  const { entries } = loaded;
  // Lines that a compaction would drop.
  let stale = loaded.stale;
  let handle: FileHandle | undefined;
  let queue: Promise<void> = Promise.resolve();
  // A line cut short by a kill must not swallow the next one.
  let needsNewline = text !== "" && !text.endsWith("\n");
  // Lines recorded while a write is under way go out together in the next one.
  let batch: string[] = [];
  let batchWritten: Promise<void> | undefined;
  const append = (line: string) => {
    batch.push(line);
    batchWritten ??= queue = queue.then(async () => {
      const lines = batch;
      batch = [];
      batchWritten = undefined;
      handle ??= await open(path, "a");
      await handle.write(`${needsNewline ? "\n" : ""}${lines.join("\n")}\n`);
      needsNewline = false;
    });
    return batchWritten;
  };
  return {
    entries,
    record(entry) {
      if (entries.has(entry.fileId)) stale++;
      if (keepRecorded) entries.set(entry.fileId, entry);
      // An earlier run's entry of it is no longer the latest.
      else entries.delete(entry.fileId);
      return append(JSON.stringify(entry));
    },
    async compact() {
      await queue;
      await handle?.close();
      handle = undefined;
      if (stale === 0) return;
      await compactFile(path);
      stale = 0;
      needsNewline = false;
    },
    async close() {
      await queue;
      await handle?.close();
      handle = undefined;
    },
  };
}
