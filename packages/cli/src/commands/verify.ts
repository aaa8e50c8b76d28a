import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { createZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
import { Command } from "commander";
import { EXIT } from "../errors.js";
import type { RunContext } from "../io.js";
import { jsonReporter } from "../output/json-reporter.js";
import { plainReporter } from "../output/reporter.js";
import { type DateRangeFlags, lastDay, withDateRange } from "./date-range.js";
import { MAX_RETRIES } from "./flags.js";
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

interface VerifyFlags
  extends DateRangeFlags,
    ZoomCommandOptions,
    UserSelectionFlags,
    S3Flags,
    RateFlags {
  out: string;
  json?: boolean;
}

export function verifyCommand(run: RunContext): Command {
  const command = withDateRange(withUserSelection(new Command("verify")))
    .summary("check an archive against Zoom's listing and its own manifest")
    .description(
      "Lists the recordings of each --user (or --all-users) from --from to --to again and checks --out: every listed file must be there with its listed size and recorded in the manifest, every file of the manifest must still hash to its sha256, and no other file may be there. Reports each missing, changed and unexpected file; changes nothing.",
    )
    .requiredOption("--out <dir>", "the archive folder to check, or s3://bucket/prefix")
    .option("--json", "print one JSON object per finding (for scripts)");
  withZoomOptions(withS3Options(withRateOptions(command)))
    .addHelpText(
      "after",
      `
Example:
  clipkit zoom recordings verify --all-users --from 2024-01-01 --to 2024-12-31 --out ./archive

With Server-to-Server OAuth the token's scopes are checked first: a listing they do not allow ends the run (exit 1).
Exit codes: 0 the archive matches, 1 a file is missing, changed or unexpected (or the API refused), 2 bad usage.`,
    )
    .action(async (flags: VerifyFlags) => {
      const usage = (message: string) =>
        command.error(`error: ${message}`, { exitCode: EXIT.usage });
      const to = lastDay(flags, usage);
      const problem = selectionProblem(flags);
      if (problem) usage(problem);
      const location = s3Location(flags, usage);
      const out = location ? flags.out : resolve(flags.out);
      if (!location) {
        const isFolder = await stat(out).then(
          (s) => s.isDirectory(),
          () => false,
        );
        if (!isFolder) usage(`--out ${flags.out}: no archive folder there`);
      }
      const connection = await connectZoom(flags, run);
      const { auth, baseUrl } = connection;
      const s3 = location ? await s3Destination(flags, location, run) : undefined;
      // Listings the token's scopes do not allow: refused before anything is listed.
      const missing = await uncallable(connection, await archiveOperations(flags));
      if (missing.length > 0) throw missingScopesError(missing);
      const governor = governorFor(flags);
      const client = createZoomCloudRecordingClient({
        auth,
        maxRetries: MAX_RETRIES,
        baseUrl,
        governor,
      });
      const reporter = flags.json
        ? jsonReporter(run.io.stdout, run.io.stderr)
        : plainReporter(run.io.stdout);
      const controller = new AbortController();
      const stopListening = run.io.onInterrupt(() => controller.abort());
      try {
        const emit = (event: Parameters<typeof reporter.emit>[0]) => reporter.emit(event);
        const users = await selectedUsers(
          flags,
          { auth, baseUrl, governor },
          controller.signal,
          emit,
        );
        // Loaded for this command only (start-up time of the others).
        const { verifyArchive } = await import("../archive/verify-archive.js");
        const result = await verifyArchive({
          client,
          users,
          from: flags.from,
          to,
          out,
          s3,
          signal: controller.signal,
          emit,
        });
        if (controller.signal.aborted) run.exitCode = EXIT.interrupted;
        else if (result.missing + result.changed + result.unexpected > 0) {
          run.exitCode = EXIT.failure;
        }
      } finally {
        stopListening();
        reporter.stop();
      }
    });
  return command;
}
