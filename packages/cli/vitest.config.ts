import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "cli",
    include: ["test/**/*.test.ts"],
    // Most suites run the CLI in-process (test/run-in-process.ts); the few that need a process
    // (signals, the bin) run the built dist/bin.js: `pnpm test` builds first.
    testTimeout: 60_000,
  },
});
