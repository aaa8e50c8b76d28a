import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ZoomFake } from "@clipkit/testing";
import type { ArchiveEvent } from "../src/archive/events.js";

/** The built CLI: the suites that need a real process (signals, the bin itself) run it. */
export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** With `--json`: the events, in order. */
  events: ArchiveEvent[];
}

/**
 * Collects stdout into `run`: its text, and each `--json` event (a line that starts with `{`),
 * handed to `onEvent` as soon as its line is complete.
 */
export function collectStdout(
  run: CliRun,
  onEvent: (event: ArchiveEvent) => void = () => {},
): (text: string) => void {
  let pending = "";
  return (text) => {
    run.stdout += text;
    pending += text;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as ArchiveEvent;
      run.events.push(event);
      onEvent(event);
    }
  };
}

/**
 * Runs the built `clipkit <args>` as a subprocess; `onEvent` sees each `--json` event as it
 * arrives (with the child, to kill it at a chosen moment). Only for what needs a process:
 * everything else runs in-process (`runInProcess`), where mutation testing sees it.
 */
export function runCli(
  args: string[],
  options: {
    env?: Record<string, string | undefined>;
    onEvent?: (event: ArchiveEvent, child: ChildProcess) => void;
  } = {},
): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const name of ["ZOOM_TOKEN", "ZOOM_BASE_URL", "ZOOM_TOKEN_URL", "CLIPKIT_CONFIG"]) {
    if (!(name in (options.env ?? {}))) delete env[name];
  }
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: "pipe" });
  const run: CliRun = { code: null, signal: null, stdout: "", stderr: "", events: [] };
  child.stdout.setEncoding("utf8").on(
    "data",
    collectStdout(run, (event) => options.onEvent?.(event, child)),
  );
  child.stderr.setEncoding("utf8").on("data", (text: string) => {
    run.stderr += text;
  });
  return new Promise((resolve) =>
    child.on("close", (code, signal) => resolve({ ...run, code, signal })),
  );
}

export const eventsOf = <T extends ArchiveEvent["type"]>(run: CliRun, type: T) =>
  run.events.filter((e): e is Extract<ArchiveEvent, { type: T }> => e.type === type);

/** `clipkit zoom recordings archive` of user `me` over a range, pointed at a fake. */
export const archiveArgs = (
  fake: Pick<ZoomFake, "baseUrl" | "tokenUrl">,
  range: { from: string; to: string; out: string },
  ...more: string[]
) => [
  ...["zoom", "recordings", "archive", "--user", "me", "--from", range.from, "--to", range.to],
  ...["--out", range.out, "--base-url", fake.baseUrl, "--token-url", fake.tokenUrl],
  ...more,
];

/** The fake's Server-to-Server OAuth app, as the environment variables the CLI reads. */
export const credentialsEnv = (fake: Pick<ZoomFake, "credentials">) => ({
  ZOOM_ACCOUNT_ID: fake.credentials.accountId,
  ZOOM_CLIENT_ID: fake.credentials.clientId,
  ZOOM_CLIENT_SECRET: fake.credentials.clientSecret,
});
