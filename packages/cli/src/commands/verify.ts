import { createZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
import { Command } from "commander";
import { verifyArchive } from "../archive/verify-archive.js";
import { EXIT } from "../errors.js";
import type { RunContext } from "../io.js";
import { jsonReporter } from "../output/json-reporter.js";
import { plainReporter } from "../output/reporter.js";
import { withDateRange } from "./date-range.js";
import { MAX_RETRIES } from "./flags.js";
import { type ArchiveRunFlags, prepareRun } from "./prepare-run.js";
import { withRateOptions } from "./rate-options.js";
import { withS3Options } from "./s3-options.js";
import { archiveOperations } from "./scope-check.js";
import { selectedUsers, withUserSelection } from "./user-selection.js";
import { withZoomOptions } from "./zoom-options.js";

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
    .action(async (flags: ArchiveRunFlags) => {
      // Listings the token's scopes do not allow: refused before anything is listed.
      const { to, out, s3, zoom } = await prepareRun(command, flags, run, {
        out: "existing",
        operations: archiveOperations(flags),
      });
      const client = createZoomCloudRecordingClient({ ...zoom, maxRetries: MAX_RETRIES });
      const reporter = flags.json
        ? jsonReporter(run.io.stdout, run.io.stderr)
        : plainReporter(run.io.stdout);
      const controller = new AbortController();
      const stopListening = run.io.onInterrupt(() => controller.abort());
      try {
        const emit = (event: Parameters<typeof reporter.emit>[0]) => reporter.emit(event);
        const users = await selectedUsers(flags, zoom, controller.signal, emit);
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
