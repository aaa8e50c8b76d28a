import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findManifestProblems, findPackProblems } from "../lib/pack-check.ts";
import { testTempDir } from "./helpers/temp-dir.ts";

const MAIN_EXPORT = { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } };
const NODE_EXPORT = {
  ...MAIN_EXPORT,
  "./node": { types: "./dist/node/index.d.ts", default: "./dist/node/index.js" },
  "./package.json": "./package.json",
};

function pkg(
  files: Record<string, string>,
  exports: unknown = MAIN_EXPORT,
  manifest: Record<string, unknown> = {},
): string {
  const dir = testTempDir("pack");
  const all = {
    "package.json": JSON.stringify({ ...manifest, exports }),
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
    {
      given: "an import-only exports map (require() fails with ERR_PACKAGE_PATH_NOT_EXPORTED)",
      exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } },
      files: { "dist/index.js": "export {};", "dist/index.d.ts": "export {};" },
      want: ['exports["."] has no "default" condition, so require() cannot load it'],
    },
    {
      given: "types listed after default (TypeScript would never reach them)",
      exports: { ".": { default: "./dist/index.js", types: "./dist/index.d.ts" } },
      files: { "dist/index.js": "export {};", "dist/index.d.ts": "export {};" },
      want: ['exports["."] must list "types" first'],
    },
    {
      given: "maps whose sources are shipped",
      files: {
        "dist/index.js": "export {};",
        "dist/index.d.ts": "export {};",
        "dist/index.js.map": JSON.stringify({ sources: ["../src/index.ts"] }),
        "src/index.ts": "export {};",
      },
      want: [],
    },
    {
      given: "maps pointing at sources left out of the tarball",
      files: {
        "dist/index.js": "export {};",
        "dist/index.d.ts": "export {};",
        "dist/index.js.map": JSON.stringify({ sources: ["../src/index.ts"] }),
        "dist/index.d.ts.map": JSON.stringify({ sourceRoot: "../src/", sources: ["index.ts"] }),
      },
      want: [
        "dist/index.js.map maps to ../src/index.ts, which is not packed",
        "dist/index.d.ts.map maps to index.ts, which is not packed",
      ],
    },
    {
      given: "generated types shipped both in src/ and dist/",
      files: {
        "dist/index.js": "export {};",
        "dist/index.d.ts": 'export type { paths } from "./generated/schema.js";',
        "dist/generated/schema.d.ts":
          `export interface paths { "/clips": { get: never } }\n`.repeat(3),
        "src/generated/schema.d.ts": `export interface paths { "/clips": { get: never } }\n`.repeat(
          3,
        ),
      },
      want: ["src/generated/schema.d.ts is a copy of dist/generated/schema.d.ts"],
    },
  ])("$given", ({ files, exports, want }) => {
    const dir = pkg(files, exports);
    expect(findPackProblems(dir, Object.keys({ "package.json": "", ...files }))).toEqual(want);
  });
});

describe("findManifestProblems", () => {
  const complete = {
    name: "@clipkit/clip-shelf",
    keywords: ["clips"],
    homepage: "https://example.com/clip-shelf#readme",
    repository: {
      type: "git",
      url: "git+https://example.com/clipkit.git",
      directory: "packages/x",
    },
    bugs: { url: "https://example.com/clipkit/issues" },
  };
  it.each<{ given: string; manifest: Record<string, unknown>; readme?: string; want: string[] }>([
    {
      given: "everything a user reads on npm",
      manifest: complete,
      readme: "# x\n\n```sh\nnpm install @clipkit/clip-shelf\n```\n",
      want: [],
    },
    {
      given: "a bare manifest and a README without an install line",
      manifest: { name: "@clipkit/clip-shelf" },
      readme: "# x\n",
      want: [
        "no repository.url",
        "no repository.directory",
        "no homepage",
        "no bugs.url",
        "no keywords",
        "README.md does not show `npm install @clipkit/clip-shelf`",
      ],
    },
    {
      given: "no README at all",
      manifest: complete,
      want: ["README.md does not show `npm install @clipkit/clip-shelf`"],
    },
  ])("$given", ({ manifest, readme, want }) => {
    const dir = pkg(readme === undefined ? {} : { "README.md": readme }, MAIN_EXPORT, manifest);
    expect(findManifestProblems(dir)).toEqual(want);
  });
});
