#!/usr/bin/env node
import { run } from "./program.js";

// A reader that went away (`clipkit … | head`) ends what can be shown, not the run: the rest of
// the output is dropped, as a terminal's would be after it closed, and the exit code stands.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await run(process.argv.slice(2));
