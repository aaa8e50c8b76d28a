import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "cli",
    include: ["test/**/*.test.ts"],
    // The suites run the built CLI (dist/bin.js) as a subprocess; `pnpm test` builds first.
    testTimeout: 60_000,
  },
});
