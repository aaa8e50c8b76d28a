// Usage: tsx scripts/generate.ts [package-dir]
// Writes what is generated in a package from its inputs: src/version.ts from package.json (every
// published package) and src/generated/schema.d.ts from the spec (API packages), for the package
// in package-dir (default: the current directory), or for every package when run from the root.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { renderLimits, renderTypes } from "./lib/generator.ts";
import { writeVersionFile } from "./lib/version-file.ts";
import { apiPackages, publicPackages, repoRoot } from "./lib/workspace.ts";

if (process.argv.includes("--help")) {
  console.log(`Usage: tsx scripts/generate.ts [package-dir]   (pnpm generate runs it in every package)

Writes, for the package in package-dir (default: the current directory; the repository root
means every package):
  src/version.ts                 PACKAGE_NAME and VERSION from package.json (published packages)
  src/generated/schema.d.ts      the types of the package's spec (packages with "clipkit.spec")
  src/generated/limits.ts        the request limits of the spec (bounds, enums, formats, ...);
                                 none for a spec without paths (webhooks only)
pnpm drift fails when any of them is out of date.`);
  process.exit(0);
}

const target = resolve(process.argv[2] ?? process.cwd());
const pick = <T extends { dir: string }>(all: T[]) =>
  target === repoRoot ? all : all.filter((pkg) => pkg.dir === target);
const versioned = pick(publicPackages());
const apis = pick(apiPackages());
if (versioned.length === 0 && apis.length === 0) {
  console.error(`No published or API package at ${target}.`);
  process.exit(1);
}
for (const pkg of versioned) {
  const file = writeVersionFile(pkg);
  console.log(`${pkg.name}: package.json -> ${relative(repoRoot, file)} (${pkg.version})`);
}
for (const pkg of apis) {
  const text = await renderTypes(pkg.spec);
  mkdirSync(dirname(pkg.output), { recursive: true });
  writeFileSync(pkg.output, text);
  const limits = renderLimits(pkg.spec);
  if (limits === undefined) rmSync(pkg.limits, { force: true });
  else writeFileSync(pkg.limits, limits);
  for (const file of limits === undefined ? [pkg.output] : [pkg.output, pkg.limits]) {
    console.log(`${pkg.name}: ${relative(repoRoot, pkg.spec)} -> ${relative(repoRoot, file)}`);
  }
}
