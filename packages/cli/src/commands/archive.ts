import { DailyRateLimitError } from "@clipkit/core/governor";
import type { Command } from "commander";
import { FAILED_IN_A_ROW } from "../archive/failure-streak.js";
import type { ArchiveItem } from "../archive/source.js";
import { EXIT } from "../errors.js";
import type { RunContext } from "../io.js";
import { chooseReporter } from "../output/reporter.js";
import {
  type ArchiveRunFlags,
  archiveRunCommand,
  type CommandWords,
  prepareRun,
} from "./archive-run.js";
import { concurrency, outPlace } from "./flags.js";
import { commandLine } from "./rerun.js";
import type { SourceSpec } from "./source-spec.js";
import { selectedUsers } from "./user-selection.js";

interface ArchiveFlags extends ArchiveRunFlags {
  concurrency: number;
  trashAfter?: boolean;
  dryRun?: boolean;
}

/** What sets one `… archive` command apart from another: its source and its words. */
export interface ArchiveCommandSpec<I extends ArchiveItem> extends SourceSpec<I>, CommandWords {
  /** `--trash-after`'s help. */
  trashAfter: string;
}

/**
 * `clipkit zoom <api> archive`: the one command shape for every source — its arguments
 * checked before credentials are looked up, its users, its S3 target, its rate governor,
 * its reporter and its exit codes.
 */
export function archiveCommand<I extends ArchiveItem>(
  run: RunContext,
  spec: ArchiveCommandSpec<I>,
): Command {
  const command = archiveRunCommand(
    "archive",
    spec,
    (own) =>
      own
        .requiredOption(
          "--out <dir>",
          "the archive folder, or s3://bucket/prefix for S3-compatible storage",
          outPlace,
        )
        .option("--concurrency <n>", "downloads at a time (1-32)", concurrency, 4)
        .option("--trash-after", spec.trashAfter)
        .option(
          "--dry-run",
          "list what would be downloaded and trashed, with totals; change nothing",
        )
        .option("--json", "print one JSON object per event (for scripts)"),
    `Credentials: ZOOM_ACCOUNT_ID + ZOOM_CLIENT_ID + ZOOM_CLIENT_SECRET (Server-to-Server OAuth) or ZOOM_TOKEN.
With Server-to-Server OAuth the token's scopes are checked first: --dry-run reports each operation they do not allow; a run refuses to start (exit 1).
API requests are paced by Zoom's per-category rate limits of --rate-plan, shared by all workers.
Exit codes: 0 every file verified, 1 a file or trash failed (after ${FAILED_IN_A_ROW} files in a row fail, the run stops), 2 bad usage, 3 Zoom's daily rate limit is used up (run it again after the reset it names to resume), 130 interrupted (run it again to resume).`,
  );
  command.action(async (flags: ArchiveFlags) => {
    const { to, out, s3, zoom, missing } = await prepareRun(command, flags, run, {
      out: "writable",
      operations: await spec.operations(flags),
      // Operations the token's scopes do not allow: reported by a dry run, refused otherwise.
      reportMissing: flags.dryRun === true,
    });
    const source = await spec.source(zoom, { from: flags.from, to });
    const reporter = chooseReporter({ json: flags.json === true, words: spec.words }, run.io);
    for (const op of missing) reporter.emit({ type: "missing-scopes", ...op });
    const stopForDailyLimit = (error: DailyRateLimitError) => {
      reporter.note(
        `Stopped: Zoom's daily API rate limit is used up; it resets at ${error.resetsAt.toISOString()}. Finished files are kept and recorded. To resume after that, run again:\n  ${commandLine(run.args)}`,
      );
      run.exitCode = EXIT.dailyLimit;
    };
    const controller = new AbortController();
    const stopListening = run.io.onInterrupt(() => controller.abort());
    try {
      const users = await selectedUsers(flags, zoom, controller.signal, (event) =>
        reporter.emit(event),
      );
      const { runArchive } = await import("../archive/run-archive.js");
      const result = await runArchive({
        source,
        users,
        from: flags.from,
        to,
        out,
        s3,
        concurrency: flags.concurrency,
        trashAfter: flags.trashAfter === true,
        dryRun: flags.dryRun === true,
        signal: controller.signal,
        secrets: run.secrets,
        emit: (event) => reporter.emit(event),
      });
      reporter.stop();
      if (result.dailyLimit) stopForDailyLimit(result.dailyLimit);
      else if (result.gaveUp) {
        reporter.note(
          `Stopped: ${result.gaveUp.inARow} files in a row failed, none finishing in between (the last: ${result.gaveUp.lastError}). Finished files are kept and recorded; partial ones resume. Once the cause is fixed, run again:\n  ${commandLine(run.args)}`,
        );
        run.exitCode = EXIT.failure;
      } else if (result.interrupted) {
        reporter.note(
          `Interrupted: finished files are kept and recorded; partial ones resume. To resume, run again:\n  ${commandLine(run.args)}`,
        );
        run.exitCode = EXIT.interrupted;
      } else if (result.failed > 0) run.exitCode = EXIT.failure;
    } catch (error) {
      reporter.stop();
      if (error instanceof DailyRateLimitError) return stopForDailyLimit(error);
      if (controller.signal.aborted) {
        reporter.note("Interrupted before any download: run the same command again.");
        run.exitCode = EXIT.interrupted;
        return;
      }
      throw error;
    } finally {
      stopListening();
    }
  });
  return command;
}
