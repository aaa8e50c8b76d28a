import { Command, CommanderError } from "commander";
import { clipsArchiveCommand, clipsVerifyCommand } from "./commands/clips.js";
import { recordingCommands } from "./commands/recordings.js";
import {
  recordingsArchiveCommand,
  recordingsVerifyCommand,
} from "./commands/recordings-archive.js";
import { watchCommand } from "./commands/watch.js";
import { describeError, EXIT, exitCodeOf } from "./errors.js";
import { type CliIO, type Output, processIO, type RunContext } from "./io.js";
import { VERSION } from "./version.js";

const example = (lines: string) => `\nExample:\n  ${lines}\n`;

/** `clipkit`: its command tree, for one run. */
export function createProgram(run: RunContext): Command {
  const program = new Command("clipkit")
    .description(
      "The command line of ClipKit: archive Zoom cloud recordings and clips, with progress and resume.",
    )
    .version(VERSION)
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      `${example("clipkit zoom recordings archive --user me --from 2024-01-01 --to 2024-12-31 --out ./archive")}
Credentials: ZOOM_TOKEN, or ZOOM_ACCOUNT_ID + ZOOM_CLIENT_ID + ZOOM_CLIENT_SECRET (Server-to-Server
OAuth), from the environment or a config file readable only by you (--config, CLIPKIT_CONFIG,
default ~/.config/clipkit/config.json: {"zoom": {"accountId": …, "clientId": …, "clientSecret": …}}).
Exit codes: 0 ok, 1 failure, 2 bad usage, 130 interrupted.`,
    );
  const zoom = program
    .command("zoom")
    .description("Zoom commands")
    .addHelpText("after", example("clipkit zoom recordings archive --help"));
  const recordings = zoom
    .command("recordings")
    .description("Zoom Cloud Recording commands")
    .addHelpText(
      "after",
      example(
        "clipkit zoom recordings archive --user me --from 2024-01-01 --out ./archive --dry-run",
      ),
    );
  recordings.addCommand(recordingsArchiveCommand(run));
  for (const command of recordingCommands(run)) recordings.addCommand(command);
  recordings.addCommand(watchCommand(run));
  recordings.addCommand(recordingsVerifyCommand(run));
  zoom
    .command("clips")
    .description("Zoom Clips commands")
    .addHelpText(
      "after",
      example("clipkit zoom clips archive --user me --from 2025-01-01 --out ./archive --dry-run"),
    )
    .addCommand(clipsArchiveCommand(run))
    .addCommand(clipsVerifyCommand(run));
  return program;
}

/** A terminal's width; commander's default of 80 elsewhere. */
const widthOf = (out: Output) => (out.isTTY && out.columns) || 80;

/** Commander's output (help, usage errors) on the run's streams, help as wide as its terminal. */
const outputTo = ({ stdout, stderr }: CliIO) => ({
  writeOut: (text: string) => void stdout.write(text),
  writeErr: (text: string) => void stderr.write(text),
  getOutHelpWidth: () => widthOf(stdout),
  getErrHelpWidth: () => widthOf(stderr),
});

/**
 * Runs `clipkit <args>` (the arguments after the program's name); resolves to the exit code.
 * `io` defaults to the process's streams, environment and signals.
 */
export async function run(args: readonly string[], io: CliIO = processIO()): Promise<number> {
  const context: RunContext = { io, args, secrets: new Set(), exitCode: EXIT.ok };
  const program = createProgram(context);
  const output = outputTo(io);
  // Commands added with addCommand inherit neither setting: each command gets both.
  const configure = (command: Command): void => {
    command.exitOverride().configureOutput(output);
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
  try {
    await program.parseAsync(args, { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end well; everything else commander reports is bad usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr.write(`clipkit: ${describeError(error, context.secrets)}\n`);
    return exitCodeOf(error);
  }
}
