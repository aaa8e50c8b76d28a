import type { Command } from "commander";
import type { PlannedClip } from "../archive/clip-source.js";
import type { RunContext } from "../io.js";
import { CLIP_WORDS } from "../output/reporter.js";
import { archiveCommand } from "./archive.js";
import { MAX_RETRIES } from "./flags.js";
import { clipArchiveOperations } from "./scope-check.js";
import type { SourceSpec } from "./source-spec.js";
import { verifyCommand } from "./verify.js";

/** Zoom Clips, for the commands over their archive. */
const CLIPS: SourceSpec<PlannedClip> = {
  words: CLIP_WORDS,
  operations: clipArchiveOperations,
  // Loaded for these commands only: the recordings' do not pay for the Clips client.
  source: async ({ auth, baseUrl, governor }, range) => {
    const [{ createZoomClipsClient }, { clipSource }] = await Promise.all([
      import("@clipkit/zoom-clips"),
      import("../archive/clip-source.js"),
    ]);
    return clipSource(
      createZoomClipsClient({
        auth,
        maxRetries: MAX_RETRIES,
        maxRetryWaitMs: 600_000,
        baseUrl,
        governor,
      }),
      range,
    );
  },
};

/** `clipkit zoom clips archive`: the recordings' archive engine, for Zoom Clips. */
export function clipsArchiveCommand(run: RunContext): Command {
  return archiveCommand(run, {
    ...CLIPS,
    summary: "download every Zoom clip of users over a date range, verified and resumable",
    description:
      "Lists every Zoom clip each --user (or every user of the account with --all-users, deactivated users included) created from --from to --to (any length; Zoom lists a month at a time), downloads each clip's MP4 into --out (<user>/clips/<date> <title> (<clip ID>).mp4), checks its size against the listing and records its sha256 in --out/manifest.jsonl, as `clipkit zoom recordings archive` does. Run it again with the same arguments to resume: verified clips are skipped, partial ones continue where they stopped.",
    trashAfter: "delete each clip from Zoom (its soft delete) once it is verified",
    examples: [
      "clipkit zoom clips archive --user me --from 2025-01-01 --out ./archive --trash-after",
      "clipkit zoom clips archive --all-users --from 2025-01-01 --out s3://bucket/zoom --dry-run",
    ],
  });
}

/** `clipkit zoom clips verify`: `clipkit zoom recordings verify`'s check, for Zoom Clips. */
export function clipsVerifyCommand(run: RunContext): Command {
  return verifyCommand(run, {
    ...CLIPS,
    summary: "check a clips archive against Zoom's listing and its own manifest",
    description:
      "Lists the Zoom clips each --user (or --all-users) created from --from to --to again and checks the users' clips folders in --out: every listed clip must be there with its listed size and recorded in the manifest, every clip of the manifest must still hash to its sha256, and no other file may be there. Reports each missing, changed and unexpected file; changes nothing. Recordings beside the clips are `clipkit zoom recordings verify`'s to check.",
    examples: [
      "clipkit zoom clips verify --all-users --from 2025-01-01 --to 2025-12-31 --out ./archive",
    ],
  });
}
