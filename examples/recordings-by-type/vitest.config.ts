import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "example-recordings-by-type",
    include: ["test/**/*.test.ts"],
    testTimeout: 15_000,
  },
});
