import { createZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
import type { Command } from "commander";
import type { PlannedFile } from "../archive/plan.js";
import { recordingSource } from "../archive/recording-source.js";
import type { RunContext } from "../io.js";
import { RECORDING_WORDS } from "../output/reporter.js";
import { archiveCommand } from "./archive.js";
import { MAX_RETRIES } from "./flags.js";
import { archiveOperations } from "./scope-check.js";
import type { SourceSpec } from "./source-spec.js";
import { verifyCommand } from "./verify.js";

/** Cloud recordings, for the commands over their archive. */
const RECORDINGS: SourceSpec<PlannedFile> = {
  words: RECORDING_WORDS,
  operations: archiveOperations,
  source: async ({ auth, baseUrl, governor }, range) =>
    recordingSource(
      createZoomCloudRecordingClient({
        auth,
        maxRetries: MAX_RETRIES,
        maxRetryWaitMs: 600_000,
        baseUrl,
        governor,
      }),
      {
        auth,
        trustedOrigins: baseUrl ? [new URL(baseUrl).origin] : [],
        maxRetries: MAX_RETRIES,
        ...range,
      },
    ),
};

/** `clipkit zoom recordings archive`. */
export function recordingsArchiveCommand(run: RunContext): Command {
  return archiveCommand(run, {
    ...RECORDINGS,
    summary: "download every recording of users over a date range, verified and resumable",
    description:
      "Lists every cloud recording of each --user (or of every user of the account with --all-users, deactivated users included) from --from to --to (any length), downloads every file into --out (a folder per user, then per meeting: date, topic, ID), checks each file's size against the listing and records its sha256 in --out/manifest.jsonl. Run it again with the same arguments to resume: verified files are skipped, partial ones continue where they stopped.",
    trashAfter: "move a meeting's recordings to Zoom's trash once all its files are verified",
    examples: [
      "clipkit zoom recordings archive --user me --from 2024-01-01 --to 2024-12-31 --out ./archive --trash-after",
      "clipkit zoom recordings archive --all-users --from 2024-01-01 --out ./archive --dry-run",
    ],
  });
}

/** `clipkit zoom recordings verify`. */
export function recordingsVerifyCommand(run: RunContext): Command {
  return verifyCommand(run, {
    ...RECORDINGS,
    summary: "check an archive against Zoom's listing and its own manifest",
    description:
      "Lists the recordings of each --user (or --all-users) from --from to --to again and checks --out: every listed file must be there with its listed size and recorded in the manifest, every file of the manifest must still hash to its sha256, and no other file may be there (the users' clips folders aside: `clipkit zoom clips verify` checks those). Reports each missing, changed and unexpected file; changes nothing.",
    examples: [
      "clipkit zoom recordings verify --all-users --from 2024-01-01 --to 2024-12-31 --out ./archive",
    ],
  });
}
