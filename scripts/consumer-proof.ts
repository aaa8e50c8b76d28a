// Usage: pnpm proof:consumer   (after pnpm build; needs the npm registry)
// The proof for @clipkit/testing: a consumer project installs the packed tarballs (no
// workspace links) plus vitest from the registry, copies examples/recordings-by-type, and runs
// its vitest suite once per mode; prints each mode's install footprint.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./lib/workspace.ts";

if (process.argv.includes("--help")) {
  console.log(`Usage: pnpm proof:consumer [--keep]

Packs @clipkit/core, zoom-shared, zoom-cloud-recording and testing, then for each mode
(base, stateful, msw, prism) installs them with npm into a fresh project, copies the example's
tests for that mode and runs vitest. Prints install size and package count per mode.`);
  process.exit(0);
}

const PACKAGES = ["core", "zoom-shared", "zoom-cloud-recording", "testing"];
const VERSIONS = {
  vitest: "4.1.12",
  msw: "2.15.0",
  "openapi-msw": "2.0.0",
  "@stoplight/prism-cli": "5.14.2",
};

interface Mode {
  name: string;
  tests: string[];
  extra: Record<string, string>;
  testing: boolean;
}
const MODES: Mode[] = [
  { name: "base (client + vitest)", tests: [], extra: {}, testing: false },
  { name: "stateful", tests: ["report.stateful.test.ts"], extra: {}, testing: true },
  {
    name: "msw",
    tests: ["report.msw.test.ts"],
    extra: { msw: VERSIONS.msw, "openapi-msw": VERSIONS["openapi-msw"] },
    testing: true,
  },
  {
    name: "prism",
    tests: ["report.prism.test.ts"],
    extra: { "@stoplight/prism-cli": VERSIONS["@stoplight/prism-cli"] },
    testing: true,
  },
];

function run(cwd: string, command: string, args: string[]): { status: number; output: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

function sizeOf(dir: string): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        bytes += statSync(full).size;
        if (
          entry.name === "package.json" &&
          /node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(full)
        )
          packages++;
      }
    }
  };
  walk(dir);
  return { bytes, packages };
}

const work = mkdtempSync(join(tmpdir(), "clipkit-consumer-"));
const keep = process.argv.includes("--keep");
// On every way out, a failed step's throw included.
process.on("exit", () => {
  if (!keep) rmSync(work, { recursive: true, force: true });
});
const tarballs = join(work, "tarballs");
mkdirSync(tarballs);
const files: Record<string, string> = {};
for (const name of PACKAGES) {
  const packed = run(join(repoRoot, "packages", name), "npx", [
    "-y",
    "pnpm@10.34.8",
    "pack",
    "--pack-destination",
    tarballs,
  ]);
  if (packed.status !== 0) throw new Error(`packing ${name} failed:\n${packed.output}`);
}
for (const file of readdirSync(tarballs)) {
  const name = `@clipkit/${file.replace(/^clipkit-/, "").replace(/-\d+\.\d+\.\d+\.tgz$/, "")}`;
  files[name] = `file:${join(tarballs, file)}`;
}

const rows: string[] = [];
let failed = false;
for (const mode of MODES) {
  const dir = join(work, mode.name.split(" ")[0] ?? "mode");
  mkdirSync(join(dir, "test"), { recursive: true });
  cpSync(join(repoRoot, "examples", "recordings-by-type", "src"), join(dir, "src"), {
    recursive: true,
  });
  for (const test of mode.tests) {
    cpSync(join(repoRoot, "examples", "recordings-by-type", "test", test), join(dir, "test", test));
  }
  const clipkit = Object.fromEntries(
    Object.entries(files).filter(([name]) => mode.testing || name !== "@clipkit/testing"),
  );
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify(
      {
        name: "consumer",
        private: true,
        type: "module",
        dependencies: { "@clipkit/zoom-cloud-recording": files["@clipkit/zoom-cloud-recording"] },
        devDependencies: { ...clipkit, vitest: VERSIONS.vitest, ...mode.extra },
        // The tarballs depend on each other by version; point those at the tarballs too.
        overrides: files,
      },
      null,
      2,
    ),
  );
  const install = run(dir, "npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
  if (install.status !== 0) {
    failed = true;
    rows.push(`| ${mode.name} | install failed | | |`);
    console.error(install.output);
    continue;
  }
  const { bytes, packages } = sizeOf(join(dir, "node_modules"));
  let result = "no tests";
  if (mode.tests.length > 0) {
    const test = run(dir, "npx", ["vitest", "run", "--reporter=dot"]);
    const summary = /Tests\s+(.*)/.exec(test.output)?.[1]?.trim() ?? test.output.slice(-400);
    result = `${test.status === 0 ? "ok" : "FAILED"}: ${summary}`;
    failed ||= test.status !== 0;
  }
  rows.push(`| ${mode.name} | ${(bytes / 1024 / 1024).toFixed(1)} MB | ${packages} | ${result} |`);
}
console.log("\n| mode | node_modules | packages | consumer vitest |\n| --- | --- | --- | --- |");
for (const row of rows) console.log(row);
if (keep) console.log(`\nkept ${work}`);
process.exit(failed ? 1 : 0);
