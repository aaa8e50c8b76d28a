import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineProject({
  // examples/ import the package by name, as users do; tests run them against the sources.
  resolve: {
    alias: [
      { find: /^@clipkit\/zoom-webhooks\/node$/, replacement: src("node/index.ts") },
      { find: /^@clipkit\/zoom-webhooks$/, replacement: src("index.ts") },
    ],
  },
  test: {
    name: "zoom-webhooks",
    include: ["test/**/*.test.ts"],
    testTimeout: 15_000,
  },
});
