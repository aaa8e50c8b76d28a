import { DailyRateLimitError } from "@clipkit/core";
import { describeError } from "../errors.js";
import type { ArchiveUser } from "./account-users.js";
import { openArchiveTarget, type S3Destination } from "./archive-target.js";
import type { Emit } from "./events.js";
import { FAILED_IN_A_ROW, FailureStreak } from "./failure-streak.js";
import type { ArchiveGroup, ArchiveItem, ArchiveSource } from "./source.js";
import { eachConcurrently, WorkQueue } from "./worker-pool.js";

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
  /** Set when `FAILED_IN_A_ROW` files failed one after another: the run stopped there. */
  gaveUp?: { inARow: number; lastError: string };
}

/** A group and how many of its files are still to verify: `--trash-after` trashes it at 0. */
interface GroupState<I extends ArchiveItem> {
  group: ArchiveGroup<I>;
  left: number;
}

/** One piece of a worker's work: a file (then its group's trash check), or a group to check. */
type Task<I extends ArchiveItem> = { item: I; state: GroupState<I> } | { state: GroupState<I> };

/**
 * How many listed files may wait for a worker before the listing waits for them: an
 * account's listing is not held in memory while its downloads catch up. The listing stays
 * ahead all the same: it waits here only while the downloads are the slower part, and then
 * the rate limit's window has room for its next request as soon as it resumes; one user's
 * listing takes a request, 50 ms at Pro's 20/s, in which 8 workers finish far fewer than
 * this many small files.
 */
export const LISTED_AHEAD = 500;

/**
 * Lists, downloads, verifies and records every file of a source (recordings, clips), and
 * trashes its groups (meetings, clips) when asked: files already verified in the manifest and
 * on disk are skipped, `.part` files resume, and a file reaches its final name only complete
 * (the download renames it), so a kill at any point loses nothing finished and leaves nothing
 * half-written under a final name. One loop for every source: only `options.source` differs.
 * With several users, a user's files start downloading as soon as that user is listed, while
 * the listing of the others goes on (it is paced by the rate limits, the downloads are not):
 * the run takes as long as the longer of the two, not their sum. `plan` comes once the listing
 * is done, before the last user's files start. The listing waits while `LISTED_AHEAD` files
 * wait for a worker.
 */
export async function runArchive<I extends ArchiveItem>(
  options: ArchiveOptions<I>,
): Promise<ArchiveResult> {
  const { emit, signal, source } = options;
  const started = Date.now();
  const names = options.users.map((u) => u.name);
  emit({ type: "listing", users: names, from: options.from, to: options.to });
  const bytesOf = (files: I[]) => files.reduce((sum, f) => sum + (f.size ?? 0), 0);
  // Opened first: each user's files are checked against it as that user is listed.
  const { manifest, archiver } = await openArchiveTarget<I>({
    out: options.out,
    s3: options.s3,
    signal,
    emit,
    // Only --trash-after looks up again what this run records.
    keepRecorded: options.trashAfter,
  });

  // To download: counted; listed one by one only for --dry-run (a run lets each go once done).
  const pending = { files: 0, bytes: 0, list: [] as I[] };
  // What was listed: counted; kept only for --dry-run's trash decisions.
  const planned = { groups: 0, files: 0, bytes: 0, list: [] as ArchiveGroup<I>[] };
  let skipFiles = 0;
  let skipBytes = 0;
  // Users whose pending files are all finished (done or failed): the progress' users count.
  const pendingOf = new Map<string, number>();
  let usersDone = 0;
  let downloadUsers = 0;
  const queue = new WorkQueue<Task<I>>();
  // The last user's tasks wait for `plan`: a one-user run reports its plan before any download.
  let held: Task<I>[] = [];
  const counts = { downloaded: 0, downloadedBytes: 0, verified: 0, failed: 0, trashed: 0 };

  // A daily limit ends the run cleanly: no worker starts another file, the listing stops, and
  // what is finished stays recorded for the re-run after the reset.
  let dailyLimit: DailyRateLimitError | undefined;
  const listingStop = new AbortController();
  const stopListing = () => listingStop.abort(signal.reason);
  signal.addEventListener("abort", stopListing, { once: true });
  if (signal.aborted) stopListing();
  // A listing that fails (not for a limit) ends the run: no worker takes more.
  let listingFailed = false;
  // So does an outage: files failing one after another, none finishing (see FAILED_IN_A_ROW).
  const streak = new FailureStreak();
  let gaveUp: ArchiveResult["gaveUp"];
  // Stopped before the end by the run itself (not by the caller): what is recorded stays as is.
  const stoppedEarly = () => dailyLimit !== undefined || gaveUp !== undefined;
  const stopped = () => signal.aborted || stoppedEarly() || listingFailed;
  const onDailyLimit = (error: DailyRateLimitError) => {
    dailyLimit ??= error;
    listingStop.abort(error);
  };

  let listed = 0;
  const listing = source.list({
    users: options.users,
    signal: listingStop.signal,
    onUser: async (user, groups) => {
      const files = groups.flatMap((g) => g.files);
      const bytes = bytesOf(files);
      emit({
        type: "listed-user",
        user: user.name,
        index: ++listed,
        total: options.users.length,
        meetings: groups.length,
        files: files.length,
        bytes,
      });
      planned.groups += groups.length;
      planned.files += files.length;
      planned.bytes += bytes;
      if (options.dryRun) for (const group of groups) planned.list.push(group);
      const tasks: Task<I>[] = [];
      let left = 0;
      for (const group of groups) {
        const state: GroupState<I> = { group, left: 0 };
        for (const item of group.files) {
          if (await archiver.isArchived(item)) {
            skipFiles++;
            skipBytes += item.size ?? 0;
          } else {
            pending.files++;
            pending.bytes += item.size ?? 0;
            if (options.dryRun) pending.list.push(item);
            tasks.push({ item, state });
            state.left++;
            left++;
          }
        }
        // Nothing of it to download: its trash decision needs no worker's file.
        if (state.left === 0) tasks.push({ state });
      }
      if (left === 0) usersDone++;
      else {
        pendingOf.set(user.name, left);
        downloadUsers++;
      }
      if (options.dryRun) return;
      if (listed === options.users.length) held = tasks;
      else {
        queue.push(tasks);
        await queue.room(LISTED_AHEAD, listingStop.signal);
      }
    },
  });

  const trashable = (group: ArchiveGroup<I>) =>
    group.notDownloadable === 0 && group.files.length > 0;
  const summary = (plannedFiles: number, interrupted: boolean) =>
    emit({
      type: "summary",
      ...counts,
      skipped: plannedFiles - pending.files,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      interrupted,
      dryRun: options.dryRun,
    });

  async function trash(group: ArchiveGroup<I>) {
    const event = { meetingUuid: group.id, topic: group.title };
    if (!trashable(group)) return emit({ type: "kept", ...event, reason: keptReason(group) });
    try {
      await source.trash(group, signal);
    } catch (error) {
      if (signal.aborted) return;
      // Not this group's failure: the whole run stops (the worker below records it).
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

  const fileFinished = (user: string) => {
    const left = (pendingOf.get(user) ?? 0) - 1;
    pendingOf.set(user, left);
    if (left === 0)
      emit({ type: "user-done", user, done: ++usersDone, total: options.users.length });
  };
  async function archiveFile(item: I) {
    const { entry, resumedFrom, verifiedOnly } = await archiver.archive(item, source.downloads);
    if (verifiedOnly) counts.verified++;
    else {
      counts.downloaded++;
      counts.downloadedBytes += entry.size - resumedFrom;
    }
  }

  async function runTask(task: Task<I>) {
    try {
      if ("item" in task) {
        await archiveFile(task.item);
        streak.finished();
        task.state.left--;
      }
      // The group's last file verified: the decrement and this check are one synchronous step,
      // so only one of the group's tasks sees it reach 0 and trashes the group.
      if (options.trashAfter && task.state.left === 0) await trash(task.state.group);
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof DailyRateLimitError) return onDailyLimit(error);
      if (!("item" in task)) throw error;
      counts.failed++;
      const described = describeError(error, options.secrets);
      emit({ type: "failed", fileId: task.item.id, path: task.item.path, error: described });
      if (streak.failed(error) && !gaveUp) {
        gaveUp = { inARow: FAILED_IN_A_ROW, lastError: described };
        listingStop.abort(new Error(`${FAILED_IN_A_ROW} files failed in a row`));
      }
    }
    if ("item" in task) fileFinished(task.item.user);
  }

  const workers = options.dryRun
    ? Promise.resolve()
    : eachConcurrently(queue, options.concurrency, stopped, runTask);
  try {
    await listing;
  } catch (error) {
    listingFailed = true;
    queue.close();
    await workers;
    await manifest.close();
    signal.removeEventListener("abort", stopListing);
    // The listing stopped because a worker met the daily limit or gave up: the run ends as below.
    if (!stoppedEarly() || signal.aborted) throw error;
    summary(skipFiles + pending.files, true);
    return {
      failed: counts.failed,
      interrupted: false,
      ...(dailyLimit ? { dailyLimit } : {}),
      ...(gaveUp ? { gaveUp } : {}),
    };
  }
  signal.removeEventListener("abort", stopListing);
  emit({
    type: "plan",
    users: options.users.length,
    downloadUsers,
    meetings: planned.groups,
    files: planned.files,
    bytes: planned.bytes,
    skipFiles,
    skipBytes,
    downloadFiles: pending.files,
    downloadBytes: pending.bytes,
    dryRun: options.dryRun,
  });

  if (options.dryRun) {
    for (const item of pending.list) {
      emit({ type: "would-download", fileId: item.id, path: item.path, size: item.size });
    }
    if (options.trashAfter) {
      for (const group of planned.list) {
        const event = { meetingUuid: group.id, topic: group.title };
        if (trashable(group)) emit({ type: "would-trash", ...event, files: group.files.length });
        else emit({ type: "kept", ...event, reason: keptReason(group) });
      }
    }
    await manifest.close();
    summary(planned.files, false);
    return { failed: 0, interrupted: false };
  }

  try {
    queue.push(held);
    held = [];
    queue.close();
    await workers;
  } finally {
    if (signal.aborted || stoppedEarly()) await manifest.close();
    else await manifest.compact();
  }
  summary(planned.files, signal.aborted || stoppedEarly());
  return {
    failed: counts.failed,
    interrupted: signal.aborted,
    ...(dailyLimit ? { dailyLimit } : {}),
    ...(gaveUp ? { gaveUp } : {}),
  };
}

function keptReason(group: ArchiveGroup): string {
  if (group.files.length === 0) return "no downloadable files";
  return `${group.notDownloadable} file(s) without a download URL were not archived`;
}
