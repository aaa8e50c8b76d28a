import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { archiveCommand } from "./commands/archive.js";
import { recordingCommands } from "./commands/recordings.js";
import { describeError, EXIT, exitCodeOf } from "./errors.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

const example = (lines: string) => `\nExample:\n  ${lines}\n`;

/** `clipkit`: its command tree. */
export function createProgram(): Command {
  const program = new Command("clipkit")
    .description(
      "The command line of ClipKit: archive Zoom cloud recordings, with progress and resume.",
    )
    .version(version)
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
  recordings.addCommand(archiveCommand());
  for (const command of recordingCommands()) recordings.addCommand(command);
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = createProgram();
  const exitOverride = (command: Command): void => {
    command.exitOverride();
    for (const sub of command.commands) exitOverride(sub);
  };
  exitOverride(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end well; everything else commander reports is bad usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`clipkit: ${describeError(error)}\n`);
    return exitCodeOf(error);
  }
}
