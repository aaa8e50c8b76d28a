import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "zoom-shared",
    include: ["test/**/*.test.ts"],
  },
});
