import type { Command } from "commander";
import type { RunContext } from "../io.js";
import { CLIP_WORDS } from "../output/reporter.js";
import { archiveCommand } from "./archive.js";
import { MAX_RETRIES } from "./flags.js";
import { clipArchiveOperations } from "./scope-check.js";

/** `clipkit zoom clips archive`: the recordings' archive engine, for Zoom Clips. */
export function clipsArchiveCommand(run: RunContext): Command {
  return archiveCommand(run, {
    words: CLIP_WORDS,
    summary: "download every Zoom clip of users over a date range, verified and resumable",
    description:
      "Lists every Zoom clip each --user (or every user of the account with --all-users, deactivated users included) created from --from to --to (any length; Zoom lists a month at a time), downloads each clip's MP4 into --out (<user>/clips/<date> <title> (<clip ID>).mp4), checks its size against the listing and records its sha256 in --out/manifest.jsonl, as `clipkit zoom recordings archive` does. Run it again with the same arguments to resume: verified clips are skipped, partial ones continue where they stopped.",
    trashAfter: "delete each clip from Zoom (its soft delete) once it is verified",
    examples: [
      "clipkit zoom clips archive --user me --from 2025-01-01 --out ./archive --trash-after",
      "clipkit zoom clips archive --all-users --from 2025-01-01 --out s3://bucket/zoom --dry-run",
    ],
    operations: clipArchiveOperations,
    // Loaded for this command only: `recordings archive` does not pay for the Clips client.
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
  });
}
