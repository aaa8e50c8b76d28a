import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  resolve: {
    // test/demo.test.ts runs scripts/demo/zoom-clips.ts, which imports the package by name.
    alias: { "@clipkit/zoom-clips": fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
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
