import { DailyRateLimitError } from "@clipkit/core";
import { describeError } from "../errors.js";
import type { ArchiveUser } from "./account-users.js";
import { openArchiveTarget, type S3Destination } from "./archive-target.js";
import type { Emit } from "./events.js";
import type { ArchiveGroup, ArchiveItem, ArchiveSource } from "./source.js";
import { eachConcurrently } from "./worker-pool.js";

export interface ArchiveOptions<I extends ArchiveItem> {
  /** What is archived: its listing, its downloads, its trash. */
  source: ArchiveSource<I>;
  users: ArchiveUser[];
  /** Archive into this bucket instead of the folder `out` (which then only names it). */
  s3?: S3Destination | undefined;
  /** The listed range, as the `listing` event reports it. */
  from: string;
  to: string;
  out: string;
  concurrency: number;
  trashAfter: boolean;
  dryRun: boolean;
  signal: AbortSignal;
  /** Credentials no event may show (a failure's message is redacted of them). */
  secrets: Iterable<string>;
  emit: Emit;
}

export interface ArchiveResult {
  failed: number;
  interrupted: boolean;
  /** Set when Zoom's daily rate limit stopped the run: the rest waits for its reset. */
  dailyLimit?: DailyRateLimitError;
}

/**
 * Lists, downloads, verifies and records every file of a source (recordings, clips), and
 * trashes its groups (meetings, clips) when asked: files already verified in the manifest and
 * on disk are skipped, `.part` files resume, and a file reaches its final name only complete
 * (the download renames it), so a kill at any point loses nothing finished and leaves nothing
 * half-written under a final name. One loop for every source: only `options.source` differs.
 */
export async function runArchive<I extends ArchiveItem>(
  options: ArchiveOptions<I>,
): Promise<ArchiveResult> {
  const { emit, signal, source } = options;
  const started = Date.now();
  const names = options.users.map((u) => u.name);
  emit({ type: "listing", users: names, from: options.from, to: options.to });
  const bytesOf = (files: I[]) => files.reduce((sum, f) => sum + (f.size ?? 0), 0);
  let listed = 0;
  const plan = await source.plan({
    users: options.users,
    signal,
    onUser: (user, groups) => {
      const files = groups.flatMap((g) => g.files);
      emit({
        type: "listed-user",
        user: user.name,
        index: ++listed,
        total: options.users.length,
        meetings: groups.length,
        files: files.length,
        bytes: bytesOf(files),
      });
    },
  });
  const { manifest, archiver } = await openArchiveTarget<I>({
    out: options.out,
    s3: options.s3,
    signal,
    emit,
  });

  const pending: I[] = [];
  const done = new Set<string>();
  let skipBytes = 0;
  for (const item of plan.files) {
    if (await archiver.isArchived(item)) {
      done.add(item.id);
      skipBytes += item.size ?? 0;
    } else pending.push(item);
  }
  emit({
    type: "plan",
    users: options.users.length,
    downloadUsers: new Set(pending.map((item) => item.user)).size,
    meetings: plan.groups.length,
    files: plan.files.length,
    bytes: bytesOf(plan.files),
    skipFiles: done.size,
    skipBytes,
    downloadFiles: pending.length,
    downloadBytes: bytesOf(pending),
    dryRun: options.dryRun,
  });

  const trashable = (group: ArchiveGroup<I>) =>
    group.notDownloadable === 0 && group.files.length > 0;
  const counts = { downloaded: 0, downloadedBytes: 0, verified: 0, failed: 0, trashed: 0 };
  const summary = (interrupted: boolean) =>
    emit({
      type: "summary",
      ...counts,
      skipped: plan.files.length - pending.length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      interrupted,
      dryRun: options.dryRun,
    });

  if (options.dryRun) {
    for (const item of pending) {
      emit({ type: "would-download", fileId: item.id, path: item.path, size: item.size });
    }
    if (options.trashAfter) {
      for (const group of plan.groups) {
        const event = { meetingUuid: group.id, topic: group.title };
        if (trashable(group)) emit({ type: "would-trash", ...event, files: group.files.length });
        else emit({ type: "kept", ...event, reason: keptReason(group) });
      }
    }
    summary(false);
    return { failed: 0, interrupted: false };
  }

  async function trash(group: ArchiveGroup<I>) {
    const event = { meetingUuid: group.id, topic: group.title };
    if (!trashable(group)) return emit({ type: "kept", ...event, reason: keptReason(group) });
    try {
      await source.trash(group, signal);
    } catch (error) {
      if (signal.aborted) return;
      // Not this meeting's failure: the whole run stops (the worker below records it).
      if (error instanceof DailyRateLimitError) throw error;
      counts.failed++;
      return emit({ type: "trash-failed", ...event, error: describeError(error, options.secrets) });
    }
    for (const item of group.files) {
      const entry = manifest.entries.get(item.id);
      if (entry)
        await manifest.record({ ...entry, status: "trashed", at: new Date().toISOString() });
    }
    counts.trashed++;
    emit({ type: "trashed", ...event, files: group.files.length });
  }

  const groupOf = new Map<string, ArchiveGroup<I>>();
  for (const group of plan.groups) for (const item of group.files) groupOf.set(item.id, group);
  // Users whose pending files are all finished (done or failed): the progress' users count.
  const pendingOf = new Map<string, number>();
  for (const item of pending) pendingOf.set(item.user, (pendingOf.get(item.user) ?? 0) + 1);
  // Users with nothing left to download are done from the start.
  let usersDone = options.users.length - pendingOf.size;
  const fileFinished = (user: string) => {
    const left = (pendingOf.get(user) ?? 0) - 1;
    pendingOf.set(user, left);
    if (left === 0)
      emit({ type: "user-done", user, done: ++usersDone, total: options.users.length });
  };
  const trashWhenComplete = async (group: ArchiveGroup<I>) => {
    if (options.trashAfter && group.files.every((f) => done.has(f.id))) await trash(group);
  };

  async function archiveFile(item: I) {
    const { entry, resumedFrom, verifiedOnly } = await archiver.archive(item, source.downloads);
    done.add(item.id);
    if (verifiedOnly) counts.verified++;
    else {
      counts.downloaded++;
      counts.downloadedBytes += entry.size - resumedFrom;
    }
  }

  // A daily limit ends the run cleanly: no worker starts another file, and what is finished
  // stays recorded for the re-run after the reset.
  let dailyLimit: DailyRateLimitError | undefined;
  try {
    for (const group of plan.groups) {
      if (group.files.every((f) => done.has(f.id))) await trashWhenComplete(group);
    }
    const stopped = () => signal.aborted || dailyLimit !== undefined;
    await eachConcurrently(pending, options.concurrency, stopped, async (item) => {
      try {
        await archiveFile(item);
        const group = groupOf.get(item.id);
        if (group) await trashWhenComplete(group);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof DailyRateLimitError) {
          dailyLimit ??= error;
          return;
        }
        counts.failed++;
        emit({
          type: "failed",
          fileId: item.id,
          path: item.path,
          error: describeError(error, options.secrets),
        });
      }
      fileFinished(item.user);
    });
  } finally {
    if (signal.aborted || dailyLimit) await manifest.close();
    else await manifest.compact();
  }
  summary(signal.aborted || dailyLimit !== undefined);
  return {
    failed: counts.failed,
    interrupted: signal.aborted,
    ...(dailyLimit ? { dailyLimit } : {}),
  };
}

function keptReason(group: ArchiveGroup): string {
  if (group.files.length === 0) return "no downloadable files";
  return `${group.notDownloadable} file(s) without a download URL were not archived`;
}
