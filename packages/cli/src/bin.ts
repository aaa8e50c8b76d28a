#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { run } from "./program.js";

// An archive streams hundreds of MiB through short-lived buffers. Once the CLI's heap is past
// V8's 8 MB threshold for incremental marking, that external memory starts a major GC every
// few dozen ms (90 in a 768 MiB run, measured): the run spent more CPU in GC and in fs writes
// than plain downloads. A batch job wants throughput, not short pauses, so the CLI leaves
// old-space collection to full GCs (8 in the same run). Node reads this flag at run time.
setFlagsFromString("--no-incremental-marking");

// A reader that went away (`clipkit … | head`) ends what can be shown, not the run: the rest of
// the output is dropped, as a terminal's would be after it closed, and the exit code stands.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await run(process.argv.slice(2));
