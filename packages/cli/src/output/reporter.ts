import type { ArchiveEvent } from "../archive/events.js";
import type { Output } from "../io.js";
import { formatBytes, missingScopesText } from "./format.js";
import { jsonReporter } from "./json-reporter.js";
import { ttyReporter } from "./tty-reporter.js";

export interface Reporter {
  emit(event: ArchiveEvent): void;
  /** A message for the person running the command (the resume hint, an error). */
  note(text: string): void;
  stop(): void;
}

/** The words an archive's lines use for what it lists (the JSON events are the same). */
export interface ArchiveWords {
  /** What is listed: `recordings`, `clips`. */
  listed: string;
  /** What `--trash-after` moves to the trash at once: `meeting`, `clip`. */
  group: string;
}

export const RECORDING_WORDS: ArchiveWords = { listed: "recordings", group: "meeting" };
export const CLIP_WORDS: ArchiveWords = { listed: "clips", group: "clip" };

/** Plain lines, one per finished file and per decision: for logs and pipes. */
export function plainReporter(out: Output, words: ArchiveWords = RECORDING_WORDS): Reporter {
  const line = (text: string) => out.write(`${text}\n`);
  return {
    emit(event) {
      const text = plainLine(event, words);
      if (text) line(text);
    },
    note: line,
    stop() {},
  };
}

/** The line an event is logged as, or undefined for events only bars show. */
export function plainLine(
  event: ArchiveEvent,
  words: ArchiveWords = RECORDING_WORDS,
): string | undefined {
  switch (event.type) {
    case "listing":
      return `listing ${words.listed} of ${event.users.length > 3 ? `${event.users.length} users` : event.users.join(", ")} from ${event.from} to ${event.to}`;
    case "missing-scopes":
      return `MISSING SCOPE: ${missingScopesText(event)}`;
    case "listening":
      return `listening on ${event.url} for Zoom's events${event.pending ? `; ${event.pending} accepted event(s) from an earlier run to finish` : ""}${event.failedKept ? `; ${event.failedKept} failed event(s) kept in .clipkit-events/failed` : ""}`;
    case "accepted":
      return `accepted recording.completed: ${event.topic} (${event.meetingUuid}), ${event.files} file(s)`;
    case "refused":
      return `refused a request (${event.status}: ${event.reason})`;
    case "not-ready":
      return `not downloaded: file ${event.fileId} of ${event.meetingUuid} is ${event.status}`;
    case "event-done":
      return `archived: ${event.topic} (${event.meetingUuid}), ${event.files} file(s)`;
    case "event-failed":
      return `FAILED event ${event.topic} (${event.meetingUuid}): ${event.error} (kept in .clipkit-events/failed)`;
    case "verify-missing":
      return `MISSING ${event.path}: ${event.reason}`;
    case "verify-changed":
      return `CHANGED ${event.path}: ${event.reason}`;
    case "verify-unexpected":
      return `UNEXPECTED ${event.path}: in the archive, neither listed by Zoom nor in the manifest`;
    case "verify-summary":
      return `${event.ok ? "archive verified" : "archive does NOT match"}: ${event.checked} file(s) checked, ${event.missing} missing, ${event.changed} changed, ${event.unexpected} unexpected`;
    case "users":
      return `${event.total} user(s) in the account: ${Object.entries(event.byStatus)
        .map(([status, n]) => `${n} ${status}`)
        .join(", ")}`;
    case "listed-user":
      return `listed ${event.index}/${event.total} ${event.user}: ${event.meetings} ${words.group}(s), ${event.files} file(s), ${formatBytes(event.bytes)}`;
    case "plan":
      return `${event.users > 1 ? `${event.users} users, ` : ""}${event.meetings} ${words.group}(s), ${event.files} file(s), ${formatBytes(event.bytes)}: ${event.downloadFiles} to download (${formatBytes(event.downloadBytes)}), ${event.skipFiles} already verified`;
    case "done":
      return `${event.verifiedOnly ? "verified" : "downloaded"} ${event.path} (${formatBytes(event.size)}${event.resumedFrom ? `, resumed at ${formatBytes(event.resumedFrom)}` : ""})`;
    case "would-download":
      return `would download ${event.path}${event.size === undefined ? "" : ` (${formatBytes(event.size)})`}`;
    case "failed":
      return `FAILED ${event.path}: ${event.error}`;
    case "trashed":
      return `moved to trash: ${event.topic} (${event.meetingUuid}), ${event.files} file(s) verified`;
    case "would-trash":
      return `would move to trash: ${event.topic} (${event.meetingUuid}), ${event.files} file(s)`;
    case "kept":
      return `not trashed: ${event.topic} (${event.meetingUuid}): ${event.reason}`;
    case "trash-failed":
      return `FAILED to trash ${event.topic} (${event.meetingUuid}): ${event.error}`;
    case "summary":
      return event.dryRun
        ? "dry run: nothing downloaded or trashed"
        : `${event.interrupted ? "interrupted: " : ""}${event.downloaded} downloaded (${formatBytes(event.downloadedBytes)}), ${event.verified} verified in place, ${event.skipped} skipped, ${event.trashed} ${words.group}(s) trashed, ${event.failed} failed, in ${event.seconds} s`;
    default:
      return undefined;
  }
}

/** Bars on a terminal, JSON lines with `--json`, plain lines otherwise. */
export function chooseReporter(
  options: { json: boolean; words?: ArchiveWords },
  io: { stdout: Output; stderr: Output },
): Reporter {
  if (options.json) return jsonReporter(io.stdout, io.stderr);
  if (io.stdout.isTTY) return ttyReporter(io.stdout, options.words);
  return plainReporter(io.stdout, options.words);
}
