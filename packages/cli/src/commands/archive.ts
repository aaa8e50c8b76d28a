import { resolve } from "node:path";
import type { RateGovernor } from "@clipkit/core/governor";
import { DailyRateLimitError } from "@clipkit/core/governor";
import { Command } from "commander";
import type { ArchiveItem, ArchiveSource } from "../archive/source.js";
import { EXIT } from "../errors.js";
import type { RunContext } from "../io.js";
import { type ArchiveWords, chooseReporter } from "../output/reporter.js";
import type { ZoomConnection } from "../zoom-auth.js";
import { type DateRangeFlags, lastDay, withDateRange } from "./date-range.js";
import { concurrency, writableFolder } from "./flags.js";
import { governorFor, type RateFlags, withRateOptions } from "./rate-options.js";
import { type S3Flags, s3Destination, s3Location, withS3Options } from "./s3-options.js";
import { missingScopesError, type RunOperation, uncallable } from "./scope-check.js";
import {
  selectedUsers,
  selectionProblem,
  type UserSelectionFlags,
  withUserSelection,
} from "./user-selection.js";
import { connectZoom, withZoomOptions, type ZoomCommandOptions } from "./zoom-options.js";

interface ArchiveFlags
  extends DateRangeFlags,
    ZoomCommandOptions,
    UserSelectionFlags,
    S3Flags,
    RateFlags {
  out: string;
  concurrency: number;
  trashAfter?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

const quote = (arg: string) =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;

/** What sets one `… archive` command apart from another: its words and its source. */
export interface ArchiveCommandSpec<I extends ArchiveItem> {
  summary: string;
  description: string;
  /** What its progress lines call what it lists. */
  words: ArchiveWords;
  /** `--trash-after`'s help. */
  trashAfter: string;
  examples: string[];
  /** The operations a run with these flags calls (their scopes are checked first). */
  operations(flags: { allUsers?: boolean; trashAfter?: boolean }): Promise<RunOperation[]>;
  /** The source of the run, once the arguments are checked and the credentials found. */
  source(
    connection: ZoomConnection & { governor: RateGovernor },
    range: { from: string; to: string },
  ): Promise<ArchiveSource<I>>;
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
  const command = withDateRange(withUserSelection(new Command("archive")))
    .summary(spec.summary)
    .description(spec.description)
    .requiredOption(
      "--out <dir>",
      "the archive folder, or s3://bucket/prefix for S3-compatible storage",
    )
    .option("--concurrency <n>", "downloads at a time (1-32)", concurrency, 4)
    .option("--trash-after", spec.trashAfter)
    .option("--dry-run", "list what would be downloaded and trashed, with totals; change nothing")
    .option("--json", "print one JSON object per event (for scripts)");
  withZoomOptions(withS3Options(withRateOptions(command)))
    .addHelpText(
      "after",
      `
Example:
${spec.examples.map((line) => `  ${line}`).join("\n")}

Credentials: ZOOM_ACCOUNT_ID + ZOOM_CLIENT_ID + ZOOM_CLIENT_SECRET (Server-to-Server OAuth) or ZOOM_TOKEN.
With Server-to-Server OAuth the token's scopes are checked first: --dry-run reports each operation they do not allow; a run refuses to start (exit 1).
API requests are paced by Zoom's per-category rate limits of --rate-plan, shared by all workers.
Exit codes: 0 every file verified, 1 a file or trash failed, 2 bad usage, 3 Zoom's daily rate limit is used up (run it again after the reset it names to resume), 130 interrupted (run it again to resume).`,
    )
    .action(async (flags: ArchiveFlags) => {
      const usage = (message: string) =>
        command.error(`error: ${message}`, { exitCode: EXIT.usage });
      const to = lastDay(flags, usage);
      const problem = selectionProblem(flags);
      if (problem) usage(problem);
      // Before credentials and before any listing: an archive that cannot be written is a
      // usage error, not a failure found after minutes of listing.
      const location = s3Location(flags, usage);
      const out = location ? flags.out : resolve(flags.out);
      if (!location) {
        const unwritable = await writableFolder(out);
        if (unwritable) usage(`--out ${flags.out}: ${unwritable}`);
      }
      const connection = await connectZoom(flags, run);
      const { auth, baseUrl } = connection;
      // A bucket that is missing or refuses: said before anything is listed or downloaded.
      const s3 = location ? await s3Destination(flags, location, run) : undefined;
      // Operations the token's scopes do not allow: reported by a dry run, refused otherwise.
      const missing = await uncallable(connection, await spec.operations(flags));
      if (missing.length > 0 && flags.dryRun !== true) {
        throw missingScopesError(missing);
      }
      const governor = governorFor(flags);
      const source = await spec.source({ auth, baseUrl, governor }, { from: flags.from, to });
      const reporter = chooseReporter({ json: flags.json === true, words: spec.words }, run.io);
      for (const op of missing) reporter.emit({ type: "missing-scopes", ...op });
      const stopForDailyLimit = (error: DailyRateLimitError) => {
        reporter.note(
          `Stopped: Zoom's daily API rate limit is used up; it resets at ${error.resetsAt.toISOString()}. Finished files are kept and recorded. To resume after that, run again:\n  clipkit ${run.args.map(quote).join(" ")}`,
        );
        run.exitCode = EXIT.dailyLimit;
      };
      const controller = new AbortController();
      const stopListening = run.io.onInterrupt(() => controller.abort());
      try {
        const users = await selectedUsers(
          flags,
          { auth, baseUrl, governor },
          controller.signal,
          (event) => reporter.emit(event),
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
        else if (result.interrupted) {
          reporter.note(
            `Interrupted: finished files are kept and recorded; partial ones resume. To resume, run again:\n  clipkit ${run.args.map(quote).join(" ")}`,
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
