import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "{{name}}",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 15_000,
  },
});
