import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "zoom-webhooks",
    include: ["test/**/*.test.ts"],
    testTimeout: 15_000,
  },
});
