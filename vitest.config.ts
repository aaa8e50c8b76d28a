import { defineConfig } from "vitest/config";

// One vitest project per package (each has its own vitest.config.ts), plus the repo tooling.
export default defineConfig({
  test: {
    projects: ["packages/*", "scripts"],
  },
});
