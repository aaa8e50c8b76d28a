import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPackProblems } from "../lib/pack-check.ts";

function pkg(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "clipkit-pack-"));
  const all = {
    "package.json": JSON.stringify({
      exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } },
    }),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe("findPackProblems", () => {
  it.each<{ given: string; files: Record<string, string>; want: string[] }>([
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
  ])("$given", ({ files, want }) => {
    const dir = pkg(files);
    expect(findPackProblems(dir, Object.keys({ "package.json": "", ...files }))).toEqual(want);
  });
});
