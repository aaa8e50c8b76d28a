#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { run } from "./program.js";

// An archive streams hundreds of MiB through short-lived buffers. Once the CLI's heap is past
// V8's 8 MB threshold for incremental marking, that external memory starts a major GC every few
// dozen ms (about 90 in a 768 MiB run, measured), and V8's concurrent marking threads take the
// cores the downloads need. Marking on the main thread only, the same run has about 16 major GCs
// and takes 28 % less CPU (3.6 s -> 2.6 s for 24 × 32 MiB, side by side). `--no-incremental-marking`
// saves as much but let a 30,000-file run's RSS grow by 40 MB; `--single-threaded-gc` cannot be
// set at run time.
setFlagsFromString("--no-concurrent-marking");

// On Node 20 the AWS SDK warns in nine lines, on every S3 run, that its releases after January
// 2027 need Node 22. The CLI pins the SDK it ships with, so the warning is not its user's to act
// on, and it buried the run's own one-line messages. A user's own setting still wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// A reader that went away (`clipkit … | head`) ends what can be shown, not the run: the rest of
// the output is dropped, as a terminal's would be after it closed, and the exit code stands.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await run(process.argv.slice(2));
