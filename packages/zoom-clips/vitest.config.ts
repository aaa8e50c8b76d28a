import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "zoom-clips",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    // One Prism serves every file of this project; run the files one after another so it is
    // never hammered with parallel multipart requests (see design.md, "Known limits of Prism 5").
    fileParallelism: false,
  },
});
