import { type FileHandle, open, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

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
  /** The latest entry of each file ID. */
  entries: Map<string, ManifestEntry>;
  /** Appends an entry (a line that a kill cuts short is ignored on the next load). */
  record(entry: ManifestEntry): Promise<void>;
  /** Rewrites the file with one line per file ID (write a copy, then rename over). */
  compact(): Promise<void>;
  close(): Promise<void>;
}

function parseLines(text: string): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  for (const line of text.split("\n")) {
    // A blank line fails to parse like a torn one.
    try {
      const entry = JSON.parse(line) as ManifestEntry;
      if (typeof entry.fileId === "string" && typeof entry.sha256 === "string") {
        entries.set(entry.fileId, entry);
      }
    } catch {
      // The last line of a killed run may be cut short: that file is checked again.
    }
  }
  return entries;
}

/** The manifest in `dir`: appended to as files are verified, so a kill loses no finished file. */
export async function openManifest(dir: string): Promise<Manifest> {
  const path = join(dir, MANIFEST_NAME);
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const entries = parseLines(text);
  let handle: FileHandle | undefined;
  let queue: Promise<void> = Promise.resolve();
  // A line cut short by a kill must not swallow the next one.
  let needsNewline = text !== "" && !text.endsWith("\n");
  const append = (line: string) => {
    queue = queue.then(async () => {
      handle ??= await open(path, "a");
      await handle.write(`${needsNewline ? "\n" : ""}${line}\n`);
      needsNewline = false;
    });
    return queue;
  };
  return {
    entries,
    record(entry) {
      entries.set(entry.fileId, entry);
      return append(JSON.stringify(entry));
    },
    async compact() {
      await queue;
      await handle?.close();
      handle = undefined;
      const lines = [...entries.values()].map((entry) => `${JSON.stringify(entry)}\n`).join("");
      await writeFile(`${path}.tmp`, lines);
      await rename(`${path}.tmp`, path);
      needsNewline = false;
    },
    async close() {
      await queue;
      await handle?.close();
      handle = undefined;
    },
  };
}
