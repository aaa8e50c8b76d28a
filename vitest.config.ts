import { defineConfig } from "vitest/config";

// CI asks for a JSON report (its totals line is read from it); locally the default reporter is enough.
const jsonReport = process.env.CLIPKIT_TEST_JSON;

export default defineConfig({
  test: {
    // One vitest project per package (each has its own vitest.config.ts), plus the repo tooling.
    projects: ["packages/*", "examples/*/vitest.config.ts", "scripts"],
    // Prism-backed suites are flaky under heavy parallel multipart load; two cores here anyway.
    maxWorkers: 2,
    // A temp dir of the run's own; the run fails if a test leaves a `clipkit-*` entry in it.
    globalSetup: ["scripts/lib/temp-guard.ts"],
    reporters: jsonReport ? ["default", ["json", { outputFile: jsonReport }]] : ["default"],
  },
});
