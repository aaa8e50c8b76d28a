import { Writable } from "node:stream";
import type { ArchiveEvent } from "../src/archive/events.js";
import type { InterruptSignal } from "../src/interrupt.js";
import type { CliIO, Output } from "../src/io.js";
import { run } from "../src/program.js";
import { type CliRun, collectStdout } from "./run-cli.js";

/** What an in-process run's `onEvent` can do: Ctrl-C, as the person at the terminal would. */
export interface InProcessControl {
  /** Ctrl-C by default; `SIGTERM` as a service manager stops a process. */
  interrupt(signal?: InterruptSignal): void;
}

/** A stream that hands each write to `write` (as text), a terminal's if `tty` is given. */
function output(write: (text: string) => void, tty?: { columns: number }): Output {
  const stream: Output = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      write(String(chunk));
      done();
    },
  });
  if (tty) Object.assign(stream, { isTTY: true, columns: tty.columns });
  return stream;
}

/**
 * Runs `clipkit <args>` in this process, on the source: its environment is `env` alone (no
 * ZOOM_* of the machine's; the default config path points nowhere), its output is collected,
 * `onEvent` sees each `--json` event as it is written. `tty` makes stdout a terminal's.
 */
export async function runInProcess(
  args: string[],
  options: {
    env?: Record<string, string | undefined>;
    onEvent?: (event: ArchiveEvent, control: InProcessControl) => void;
    tty?: { columns: number };
  } = {},
): Promise<CliRun> {
  const result: CliRun = { code: null, signal: null, stdout: "", stderr: "", events: [] };
  const interrupts = new Set<(signal: InterruptSignal) => void>();
  const control: InProcessControl = {
    interrupt: (signal = "SIGINT") => {
      for (const stop of interrupts) stop(signal);
    },
  };
  const io: CliIO = {
    stdout: output(
      collectStdout(result, (event) => options.onEvent?.(event, control)),
      options.tty,
    ),
    stderr: output((text) => {
      result.stderr += text;
    }),
    env: { XDG_CONFIG_HOME: "/nonexistent/clipkit-test", ...options.env },
    onInterrupt(stop) {
      interrupts.add(stop);
      return () => interrupts.delete(stop);
    },
  };
  result.code = await run(args, io);
  return result;
}
