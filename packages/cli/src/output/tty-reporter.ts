import { createRequire } from "node:module";
import type { MultiBar as MultiBarType, SingleBar } from "cli-progress";
import type { Output } from "../io.js";
import { formatBytes } from "./format.js";
import { type ArchiveWords, plainLine, RECORDING_WORDS, type Reporter } from "./reporter.js";

const OVERALL =
  "{bar} {percentage}% | {users}{files} files | {done} / {total_bytes} | {rate}/s | ETA {eta_formatted}";
const FILE = "  {bar} {percentage}% | {name}";

/**
 * On a terminal: an overall bar (files, bytes, rate, ETA) and one bar per active download,
 * with decisions (failures, trashed meetings) logged above them.
 */
export function ttyReporter(out: Output, words: ArchiveWords = RECORDING_WORDS): Reporter {
  let bars: MultiBarType | undefined;
  let overall: SingleBar | undefined;
  const active = new Map<string, { bar: SingleBar; bytes: number }>();
  let files = { done: 0, total: 0 };
  let users = { done: 0, total: 0 };
  let bytes = 0;
  let started = Date.now();
  const payload = () => ({
    users: users.total > 1 ? `${users.done}/${users.total} users | ` : "",
    files: `${files.done}/${files.total}`,
    done: formatBytes(bytes),
    rate: formatBytes(Math.round(bytes / Math.max(0.001, (Date.now() - started) / 1000))),
  });
  const log = (text: string) => (bars ? bars.log(`${text}\n`) : out.write(`${text}\n`));
  const update = () => overall?.update(bytes, payload());
  // Until `plan`, the totals are those of the users listed so far (skipped files included):
  // with several users, downloads start while the others are still being listed.
  const listedSoFar = { files: 0, bytes: 0 };
  const createBars = (totalBytes: number) => {
    started = Date.now();
    // Loaded only for a terminal: `--json` and piped runs never pay for it (start-up time).
    const { MultiBar } = createRequire(import.meta.url)(
      "cli-progress",
    ) as typeof import("cli-progress");
    bars = new MultiBar({
      stream: out,
      hideCursor: true,
      clearOnComplete: false,
      format: FILE,
      etaBuffer: 50,
    });
    overall = bars.create(
      totalBytes,
      bytes,
      { ...payload(), total_bytes: formatBytes(totalBytes) },
      { format: OVERALL },
    );
  };
  const stopBars = () => {
    // The bars print logged lines on their next drawing; stop() alone would drop them.
    bars?.update();
    bars?.stop();
    bars = undefined;
  };

  return {
    emit(event) {
      switch (event.type) {
        case "plan": {
          log(plainLine(event, words) ?? "");
          if (event.dryRun || event.downloadFiles === 0) return;
          files = { done: files.done, total: event.downloadFiles };
          users = {
            done: Math.max(users.done, event.users - event.downloadUsers),
            total: event.users,
          };
          if (!overall) return createBars(event.downloadBytes);
          overall.setTotal(event.downloadBytes);
          overall.update(bytes, { total_bytes: formatBytes(event.downloadBytes) });
          return update();
        }
        case "listed-user": {
          listedSoFar.files += event.files;
          listedSoFar.bytes += event.bytes;
          const text = plainLine(event);
          if (text) log(text);
          return;
        }
        case "user-done":
          users = { done: event.done, total: event.total };
          return update();
        case "start":
          if (!bars) {
            files = { done: 0, total: listedSoFar.files };
            createBars(listedSoFar.bytes);
          }
          active.set(event.fileId, {
            bar: (bars as MultiBarType).create(event.size ?? 0, 0, { name: event.path }),
            bytes: 0,
          });
          return;
        case "progress": {
          const entry = active.get(event.fileId);
          if (!entry) return;
          bytes += event.bytes - entry.bytes;
          entry.bytes = event.bytes;
          entry.bar.update(event.bytes);
          return update();
        }
        case "done": {
          // The total counts whole files: resumed and verified-in-place bytes are done too.
          const entry = active.get(event.fileId);
          bytes += event.size - (entry?.bytes ?? 0);
          if (entry) bars?.remove(entry.bar);
          active.delete(event.fileId);
          files.done++;
          return update();
        }
        case "failed": {
          const entry = active.get(event.fileId);
          if (entry) bars?.remove(entry.bar);
          active.delete(event.fileId);
          files.done++;
          update();
          return log(plainLine(event, words) ?? "");
        }
        case "summary":
          stopBars();
          return void out.write(`${plainLine(event, words)}\n`);
        default: {
          // Above the bars while they run (the listing comes before them: plainly).
          const text = plainLine(event, words);
          if (text) log(text);
        }
      }
    },
    note: log,
    stop: stopBars,
  };
}
