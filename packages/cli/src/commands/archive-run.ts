import { resolve } from "node:path";
import type { RateGovernor } from "@clipkit/core/governor";
import { Command } from "commander";
import type { S3Destination } from "../archive/archive-target.js";
import { EXIT } from "../errors.js";
import type { RunContext } from "../io.js";
import type { ZoomConnection } from "../zoom-auth.js";
import { type DateRangeFlags, lastDay, withDateRange } from "./date-range.js";
import { existingFolder, writableFolder } from "./flags.js";
import { governorFor, type RateFlags, withRateOptions } from "./rate-options.js";
import { type S3Flags, s3Destination, s3Location, withS3Options } from "./s3-options.js";
import { missingScopesError, type RunOperation, uncallable } from "./scope-check.js";
import { selectionProblem, type UserSelectionFlags, withUserSelection } from "./user-selection.js";
import { connectZoom, withZoomOptions, type ZoomCommandOptions } from "./zoom-options.js";

/** The flags of every command that runs over an archive at `--out` (archive, verify). */
export interface ArchiveRunFlags
  extends DateRangeFlags,
    ZoomCommandOptions,
    UserSelectionFlags,
    S3Flags,
    RateFlags {
  out: string;
  json?: boolean;
}

/** What a command over an archive says of itself in its help. */
export interface CommandWords {
  summary: string;
  description: string;
  examples: string[];
}

/**
 * A command over an archive at `--out` (`archive`, `verify`): its users, range, `--out` and
 * the options `own` adds, then the rate, S3 and Zoom options every such command takes; its
 * help ends with its examples and `notes`.
 */
export function archiveRunCommand(
  name: string,
  words: CommandWords,
  own: (command: Command) => Command,
  notes: string,
): Command {
  const command = own(
    withDateRange(withUserSelection(new Command(name)))
      .summary(words.summary)
      .description(words.description),
  );
  return withZoomOptions(withS3Options(withRateOptions(command))).addHelpText(
    "after",
    `
Example:
${words.examples.map((line) => `  ${line}`).join("\n")}

${notes}`,
  );
}

/** What a run over an archive starts from, every argument checked. */
export interface PreparedRun {
  /** The range's last day. */
  to: string;
  /** `--out`: a folder made absolute, or the `s3://…` URL as given. */
  out: string;
  /** The bucket, checked, when `--out` is `s3://…`. */
  s3: S3Destination | undefined;
  /** The credentials and URLs, with the run's one rate budget (every client shares it). */
  zoom: Pick<ZoomConnection, "auth" | "baseUrl"> & { governor: RateGovernor };
  /** Operations the token's scopes do not allow: only ever some with `reportMissing`. */
  missing: RunOperation[];
}

export interface PrepareOptions {
  /** `writable`: `--out` is created if needed (archive); `existing`: it must be there (verify). */
  out: "writable" | "existing";
  /** The operations the run calls; the token's scopes are checked against them. */
  operations: RunOperation[];
  /** Report operations the token may not call (a dry run) instead of refusing to start. */
  reportMissing?: boolean;
}

/**
 * The prologue of `archive` and `verify`: every argument is checked before credentials are
 * looked up (a usage error, exit 2, on `command`), then the credentials, the bucket and the
 * token's scopes before anything is listed.
 */
export async function prepareRun(
  command: Command,
  flags: ArchiveRunFlags,
  run: RunContext,
  options: PrepareOptions,
): Promise<PreparedRun> {
  const usage = (message: string) => command.error(`error: ${message}`, { exitCode: EXIT.usage });
  const to = lastDay(flags, usage);
  const problem = selectionProblem(flags);
  if (problem) usage(problem);
  // An archive that cannot be written (or read) is a usage error, not a failure found after
  // minutes of listing.
  const location = s3Location(flags, usage);
  const out = location ? flags.out : resolve(flags.out);
  if (!location) {
    const check = options.out === "writable" ? writableFolder : existingFolder;
    const unusable = await check(out);
    if (unusable) usage(`--out ${flags.out}: ${unusable}`);
  }
  const connection = await connectZoom(flags, run);
  // A bucket that is missing or refuses: said before anything is listed or downloaded.
  const s3 = location ? await s3Destination(flags, location, run) : undefined;
  const missing = await uncallable(connection, options.operations);
  if (missing.length > 0 && options.reportMissing !== true) throw missingScopesError(missing);
  const { auth, baseUrl } = connection;
  return { to, out, s3, zoom: { auth, baseUrl, governor: governorFor(flags) }, missing };
}
