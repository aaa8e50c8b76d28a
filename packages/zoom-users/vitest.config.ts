import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "zoom-users",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 15_000,
  },
});
