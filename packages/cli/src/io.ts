import { type InterruptSignal, onInterrupt } from "./interrupt.js";

/** An output stream; `isTTY` and `columns` as a terminal's stream has them. */
export type Output = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * What a run of the CLI reaches of the world outside it. `run` takes the process's own by
 * default; tests give their own and run the CLI in-process.
 */
export interface CliIO {
  stdout: Output;
  stderr: Output;
  /** Where credentials, URLs and the config file's path come from. */
  env: NodeJS.ProcessEnv;
  /** Calls `stop` on the first Ctrl-C or SIGTERM; returns a function that stops listening. */
  onInterrupt(stop: (signal: InterruptSignal) => void): () => void;
}

export const processIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  onInterrupt: (stop) => onInterrupt(stop),
});

/** One run of the CLI, which its commands share. */
export interface RunContext {
  io: CliIO;
  /** The arguments after `clipkit` (the resume hint repeats them). */
  args: readonly string[];
  /** Credentials this run read: no message it prints holds one. */
  secrets: Set<string>;
  /** The exit code the run ends with, unless an error ends it first. */
  exitCode: number;
}
