import { resolve } from "node:path";
import { DailyRateLimitError } from "@clipkit/core/governor";
import { createZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
import { Command } from "commander";
import { runArchive } from "../archive/run-archive.js";
import { EXIT } from "../errors.js";
import type { RunContext } from "../io.js";
import { chooseReporter } from "../output/reporter.js";
import { type DateRangeFlags, lastDay, withDateRange } from "./date-range.js";
import { concurrency, MAX_RETRIES, writableFolder } from "./flags.js";
import { governorFor, type RateFlags, withRateOptions } from "./rate-options.js";
import { type S3Flags, s3Destination, s3Location, withS3Options } from "./s3-options.js";
import { archiveOperations, missingScopesError, uncallable } from "./scope-check.js";
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

export function archiveCommand(run: RunContext): Command {
  const command = withDateRange(withUserSelection(new Command("archive")))
    .summary("download every recording of users over a date range, verified and resumable")
    .description(
      "Lists every cloud recording of each --user (or of every user of the account with --all-users, deactivated users included) from --from to --to (any length), downloads every file into --out (a folder per user, then per meeting: date, topic, ID), checks each file's size against the listing and records its sha256 in --out/manifest.jsonl. Run it again with the same arguments to resume: verified files are skipped, partial ones continue where they stopped.",
    )
    .requiredOption(
      "--out <dir>",
      "the archive folder, or s3://bucket/prefix for S3-compatible storage",
    )
    .option("--concurrency <n>", "downloads at a time (1-32)", concurrency, 4)
    .option(
      "--trash-after",
      "move a meeting's recordings to Zoom's trash once all its files are verified",
    )
    .option("--dry-run", "list what would be downloaded and trashed, with totals; change nothing")
    .option("--json", "print one JSON object per event (for scripts)");
  withZoomOptions(withS3Options(withRateOptions(command)))
    .addHelpText(
      "after",
      `
Example:
  clipkit zoom recordings archive --user me --from 2024-01-01 --to 2024-12-31 --out ./archive --trash-after
  clipkit zoom recordings archive --all-users --from 2024-01-01 --out ./archive --dry-run

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
      const missing = await uncallable(connection, archiveOperations(flags));
      if (missing.length > 0 && flags.dryRun !== true) {
        throw missingScopesError(missing);
      }
      const governor = governorFor(flags);
      const client = createZoomCloudRecordingClient({
        auth,
        maxRetries: MAX_RETRIES,
        maxRetryWaitMs: 600_000,
        baseUrl,
        governor,
      });
      const reporter = chooseReporter({ json: flags.json === true }, run.io);
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
        const result = await runArchive({
          client,
          auth,
          trustedOrigins: baseUrl ? [new URL(baseUrl).origin] : [],
          users,
          from: flags.from,
          to,
          out,
          s3,
          concurrency: flags.concurrency,
          trashAfter: flags.trashAfter === true,
          dryRun: flags.dryRun === true,
          maxRetries: MAX_RETRIES,
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
