import type { Command } from "commander";
import type { ArchiveItem } from "../archive/source.js";
import type { VerifyResult } from "../archive/verify-archive.js";
import { EXIT } from "../errors.js";
import type { RunContext } from "../io.js";
import { jsonReporter } from "../output/json-reporter.js";
import { plainReporter } from "../output/reporter.js";
import {
  type ArchiveRunFlags,
  archiveRunCommand,
  type CommandWords,
  prepareRun,
} from "./archive-run.js";
import { outPlace } from "./flags.js";
import { commandLine, shellQuote } from "./rerun.js";
import type { SourceSpec } from "./source-spec.js";
import { selectedUsers } from "./user-selection.js";

const SHOWN_PATHS = 10;

/**
 * How to mend what verify found: the same command as `archive` downloads again what Zoom still
 * lists, except files whose bytes changed but not their size, which must be deleted first.
 */
export function repairHint(args: readonly string[], out: string, result: VerifyResult): string {
  // The command's own name comes before its options: the first `verify` is it, not an
  // option's value that reads the same.
  const at = args.indexOf("verify");
  const archive = commandLine(args.map((arg, i) => (i === at ? "archive" : arg)));
  const lines = [
    `To repair, run \`${archive}\`: it downloads again each missing or changed file that Zoom still lists.`,
  ];
  const inPlace = result.changedInPlace;
  if (inPlace.length > 0) {
    lines.push(
      `Delete these ${inPlace.length} file(s) first: their bytes changed but not their size, and archive keeps a recorded file of the listed size:`,
      ...inPlace
        .slice(0, SHOWN_PATHS)
        .map((path) => `  ${shellQuote(`${out.replace(/\/+$/, "")}/${path}`)}`),
      ...(inPlace.length > SHOWN_PATHS
        ? [`  … and ${inPlace.length - SHOWN_PATHS} more (the CHANGED … sha256 findings above)`]
        : []),
    );
  }
  return lines.join("\n");
}

/** What sets one `… verify` command apart from another: its source and its words. */
export interface VerifyCommandSpec<I extends ArchiveItem> extends SourceSpec<I>, CommandWords {}

/**
 * `clipkit zoom <api> verify`: lists the source again and holds its part of `--out` against
 * that listing and the manifest; the arguments, credentials, bucket and scopes checked as
 * `archive` checks them.
 */
export function verifyCommand<I extends ArchiveItem>(
  run: RunContext,
  spec: VerifyCommandSpec<I>,
): Command {
  const command = archiveRunCommand(
    "verify",
    spec,
    (own) =>
      own
        .requiredOption(
          "--out <dir>",
          "the archive folder to check, or s3://bucket/prefix",
          outPlace,
        )
        .option("--json", "print one JSON object per finding (for scripts)"),
    `With Server-to-Server OAuth the token's scopes are checked first: a listing they do not allow ends the run (exit 1).
Exit codes: 0 the archive matches, 1 a file is missing, changed or unexpected (or the API refused), 2 bad usage.`,
  );
  command.action(async (flags: ArchiveRunFlags) => {
    // Listings the token's scopes do not allow: refused before anything is listed.
    const { to, out, s3, zoom } = await prepareRun(command, flags, run, {
      out: "existing",
      operations: await spec.operations(flags),
    });
    const source = await spec.source(zoom, { from: flags.from, to });
    const reporter = flags.json
      ? jsonReporter(run.io.stdout, run.io.stderr)
      : plainReporter(run.io.stdout, spec.words);
    const controller = new AbortController();
    const stopListening = run.io.onInterrupt(() => controller.abort());
    try {
      const emit = (event: Parameters<typeof reporter.emit>[0]) => reporter.emit(event);
      const users = await selectedUsers(flags, zoom, controller.signal, emit);
      // Loaded for this command only (start-up time of the others).
      const { verifyArchive } = await import("../archive/verify-archive.js");
      const result = await verifyArchive({
        source,
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
        if (result.repairable > 0) reporter.note(repairHint(run.args, out, result));
      }
    } finally {
      stopListening();
      reporter.stop();
    }
  });
  return command;
}
