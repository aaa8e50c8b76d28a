import { createHash } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";

/** Where `watch` keeps accepted events under `--out`. */
export const QUEUE_DIR = ".clipkit-events";

export interface QueuedEvent {
  /** The event's identity (the same on each of Zoom's deliveries of it). */
  key: string;
  receivedAt: string;
  /** The verified body, parsed. */
  body: unknown;
  /** Why the event was set aside (failed events only). */
  reason?: string;
}

type Shelf = "pending" | "done" | "failed";

const fileOf = (key: string) => `${createHash("sha256").update(key).digest("hex")}.json`;

/** Writes a file so that a crash leaves either nothing or the whole of it: temp, fsync, rename. */
async function writeDurably(dir: string, name: string, text: string): Promise<void> {
  const temp = join(dir, `.${name}.tmp`);
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, join(dir, name));
  // The rename itself is durable once the folder is synced.
  const folder = await open(dir, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * A queue of accepted events on disk: an event is written (and synced) to `pending/` before
 * Zoom gets its 200, moved to `done/` once every file is archived, or to `failed/` with a
 * reason. A kill at any moment loses no accepted event: a restart drains `pending/`.
 */
export async function openEventQueue(out: string) {
  const root = join(out, QUEUE_DIR);
  const dirOf = (shelf: Shelf) => join(root, shelf);
  for (const shelf of ["pending", "done", "failed"] as const) {
    await mkdir(dirOf(shelf), { recursive: true });
  }
  const exists = (shelf: Shelf, key: string) =>
    stat(join(dirOf(shelf), fileOf(key))).then(
      () => true,
      () => false,
    );

  async function move(key: string, to: Shelf, reason?: string): Promise<void> {
    const name = fileOf(key);
    const from = join(dirOf("pending"), name);
    if (reason !== undefined) {
      const event = JSON.parse(await readFile(from, "utf8")) as QueuedEvent;
      await writeDurably(dirOf(to), name, JSON.stringify({ ...event, reason }));
      await rm(from, { force: true });
      return;
    }
    await rename(from, join(dirOf(to), name));
  }

  return {
    root,
    /** Whether the event was accepted before, in this run or an earlier one. */
    async has(key: string): Promise<boolean> {
      for (const shelf of ["pending", "done", "failed"] as const) {
        if (await exists(shelf, key)) return true;
      }
      return false;
    },
    async add(key: string, body: unknown): Promise<void> {
      const event: QueuedEvent = { key, receivedAt: new Date().toISOString(), body };
      await writeDurably(dirOf("pending"), fileOf(key), JSON.stringify(event));
    },
    /** The events a previous run accepted and did not finish, oldest first. */
    async pending(): Promise<QueuedEvent[]> {
      const names = (await readdir(dirOf("pending"))).filter(
        (n) => n.endsWith(".json") && !n.startsWith("."),
      );
      const events = await Promise.all(
        names.map(
          async (n) => JSON.parse(await readFile(join(dirOf("pending"), n), "utf8")) as QueuedEvent,
        ),
      );
      return events.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    },
    async countFailed(): Promise<number> {
      return (await readdir(dirOf("failed"))).filter((n) => n.endsWith(".json")).length;
    },
    done: (key: string) => move(key, "done"),
    failed: (key: string, reason: string) => move(key, "failed", reason),
  };
}

export type EventQueue = Awaited<ReturnType<typeof openEventQueue>>;
