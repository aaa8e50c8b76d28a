import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPackProblems } from "../lib/pack-check.ts";

const MAIN_EXPORT = { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } };
const NODE_EXPORT = {
  ...MAIN_EXPORT,
  "./node": { types: "./dist/node/index.d.ts", import: "./dist/node/index.js" },
  "./package.json": "./package.json",
};

function pkg(files: Record<string, string>, exports: unknown = MAIN_EXPORT): string {
  const dir = mkdtempSync(join(tmpdir(), "clipkit-pack-"));
  const all = {
    "package.json": JSON.stringify({ exports }),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe("findPackProblems", () => {
  it.each<{ given: string; files: Record<string, string>; exports?: unknown; want: string[] }>([
    {
      given: "types importing generated types that were shipped",
      files: {
        "dist/index.js": 'export * from "./client.js";',
        "dist/client.js": "export {};",
        "dist/index.d.ts": 'export type { paths } from "./generated/schema.js";',
        "dist/generated/schema.d.ts": "export interface paths {}",
      },
      want: [],
    },
    {
      given: "types importing generated types left in src/ (tsc does not copy .d.ts)",
      files: {
        "dist/index.js": "export {};",
        "dist/index.d.ts": 'export type { paths } from "./generated/schema.js";',
        "src/generated/schema.d.ts": "export interface paths {}",
      },
      want: ["dist/index.d.ts imports ./generated/schema.js, which is not packed"],
    },
    {
      given: "an exports target that is missing",
      files: { "dist/index.d.ts": "export {};" },
      want: ["exports points at dist/index.js, which is not packed"],
    },
    {
      given: "a subpath entry (./node) whose files are packed: its key is not a target",
      exports: NODE_EXPORT,
      files: {
        "dist/index.js": "export {};",
        "dist/index.d.ts": "export {};",
        "dist/node/index.js": "export {};",
        "dist/node/index.d.ts": "export {};",
      },
      want: [],
    },
    {
      given: "a subpath entry whose build output is missing",
      exports: NODE_EXPORT,
      files: { "dist/index.js": "export {};", "dist/index.d.ts": "export {};" },
      want: [
        "exports points at dist/node/index.d.ts, which is not packed",
        "exports points at dist/node/index.js, which is not packed",
      ],
    },
  ])("$given", ({ files, exports, want }) => {
    const dir = pkg(files, exports);
    expect(findPackProblems(dir, Object.keys({ "package.json": "", ...files }))).toEqual(want);
  });
});
