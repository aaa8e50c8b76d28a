import { resolve } from "node:path";
import { createZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
import { Command, InvalidArgumentError } from "commander";
import { EXIT, UsageError } from "../errors.js";
import { exitCodeOfSignal, type InterruptSignal } from "../interrupt.js";
import type { RunContext } from "../io.js";
import { jsonReporter } from "../output/json-reporter.js";
import { plainReporter } from "../output/reporter.js";
import { zoomConnectionIfAny, zoomWebhookSecrets } from "../zoom-auth.js";
import { concurrency, MAX_RETRIES, outPlace, writableFolder } from "./flags.js";
import { governorFor, type RateFlags, withRateOptions } from "./rate-options.js";
import { commandLine } from "./rerun.js";
import { missingScopesError, uncallable, watchOperations } from "./scope-check.js";
import { readZoomConfig, withZoomOptions, type ZoomCommandOptions } from "./zoom-options.js";

interface WatchFlags extends ZoomCommandOptions, RateFlags {
  out: string;
  port: number;
  host: string;
  path: string;
  concurrency: number;
  trashAfter?: boolean;
  json?: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) {
    throw new InvalidArgumentError("expected a port number from 0 to 65535");
  }
  return n;
}

function urlPath(value: string): string {
  if (!/^\/[\w\-./~%]*$/.test(value))
    throw new InvalidArgumentError("expected a path such as /zoom/events");
  return value;
}

export function watchCommand(run: RunContext): Command {
  const command = new Command("watch")
    .summary("receive Zoom's recording.completed webhooks and archive each recording")
    .description(
      "Listens for Zoom's webhooks on --host:--port at --path, answers Zoom's URL validation, verifies every event's signature, and archives the files of each recording.completed (with the event's download_token) into --out, in the layout and manifest.jsonl of `archive`. An accepted event is written to --out/.clipkit-events before Zoom gets its answer: a restart finishes what a kill interrupted, and Zoom's redeliveries download nothing twice.",
    )
    .requiredOption("--out <dir>", "the archive folder", outPlace)
    .option("--port <n>", "the port to listen on (0: any free one)", port, 8080)
    .option("--host <address>", "the address to listen on", "127.0.0.1")
    .option(
      "--path <path>",
      "the path Zoom posts to (your app's event URL's path)",
      urlPath,
      "/zoom/events",
    )
    .option("--concurrency <n>", "downloads at a time per event (1-32)", concurrency, 4)
    .option(
      "--trash-after",
      "move a meeting's recordings to Zoom's trash once all its files are verified (needs API credentials)",
    )
    .option("--json", "print one JSON object per event (for scripts)");
  withZoomOptions(withRateOptions(command))
    .addHelpText(
      "after",
      `
Example:
  clipkit zoom recordings watch --out ./archive --port 8080 --path /zoom/events

Secret: env ZOOM_WEBHOOK_SECRET_TOKEN or the config file's zoom.webhookSecretToken (your app's Secret Token; two, comma-separated, while you rotate it).
API credentials (optional; for --trash-after and events older than the download_token's 24 hours):
  ZOOM_ACCOUNT_ID + ZOOM_CLIENT_ID + ZOOM_CLIENT_SECRET, or ZOOM_TOKEN.
  With Server-to-Server OAuth and --trash-after, a token whose scopes do not allow the trash is refused before listening (exit 1).
Put it behind an HTTPS reverse proxy: Zoom only posts to https:// URLs.
Exit codes: 2 bad usage, 130 after Ctrl-C, 143 after SIGTERM (run it again to resume).`,
    )
    .action(async (flags: WatchFlags) => {
      const usage = (message: string) =>
        command.error(`error: ${message}`, { exitCode: EXIT.usage });
      const out = resolve(flags.out);
      const unwritable = await writableFolder(out);
      if (unwritable) usage(`--out ${flags.out}: ${unwritable}`);
      const config = await readZoomConfig(flags, run);
      const webhookSecrets = zoomWebhookSecrets(run.io.env, config, run.secrets);
      const connection = zoomConnectionIfAny(flags, run.io.env, config, run.secrets);
      const api =
        "auth" in connection
          ? {
              auth: connection.auth,
              client: createZoomCloudRecordingClient({
                auth: connection.auth,
                maxRetries: MAX_RETRIES,
                baseUrl: connection.baseUrl,
                governor: governorFor(flags),
              }),
            }
          : undefined;
      if (flags.trashAfter && !api) {
        throw new UsageError(
          `--trash-after needs API credentials: set ZOOM_TOKEN, or ${(connection as { missing: string[] }).missing.join(", ")}`,
        );
      }
      // The trash is the one operation watch needs for certain: a token that may not call it
      // is said before anything listens (events older than a day are fetched only if allowed).
      if (api && "grantedScopes" in connection) {
        const missing = await uncallable(connection, watchOperations(flags));
        if (missing.length > 0) throw missingScopesError(missing);
      }
      const reporter = flags.json
        ? jsonReporter(run.io.stdout, run.io.stderr)
        : plainReporter(run.io.stdout);
      const controller = new AbortController();
      let stoppedBy: InterruptSignal = "SIGINT";
      const stopListening = run.io.onInterrupt((signal) => {
        stoppedBy = signal;
        controller.abort();
      });
      try {
        // Loaded for this command only: the others do not pay for its webhook server.
        const { runWatch } = await import("../watch/run-watch.js");
        const result = await runWatch({
          out,
          host: flags.host,
          port: flags.port,
          path: flags.path,
          webhookSecrets,
          api,
          trustedOrigins: connection.baseUrl ? [new URL(connection.baseUrl).origin] : [],
          trashAfter: flags.trashAfter === true,
          concurrency: flags.concurrency,
          maxRetries: MAX_RETRIES,
          signal: controller.signal,
          secrets: run.secrets,
          emit: (event) => reporter.emit(event),
        });
        reporter.note(
          `Stopped: accepted events not yet archived are kept in ${out}/.clipkit-events/pending; to go on, run again:\n  ${commandLine(run.args)}`,
        );
        // Failed events were each reported (and kept); the exit code says how the run ended.
        void result;
        run.exitCode = exitCodeOfSignal(stoppedBy);
      } finally {
        stopListening();
        reporter.stop();
      }
    });
  return command;
}
