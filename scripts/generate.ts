// Usage: tsx scripts/generate.ts [package-dir]
// Writes src/generated/schema.d.ts and limits.ts of the API package in package-dir (default: the current
// directory), or of every API package when run from the repository root.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { renderLimits, renderTypes } from "./lib/generator.ts";
import { apiPackages, repoRoot } from "./lib/workspace.ts";

if (process.argv.includes("--help")) {
  console.log(
    "Usage: tsx scripts/generate.ts [package-dir]\nRegenerates src/generated/schema.d.ts (types) and src/generated/limits.ts (request limits) from the package's spec.",
  );
  process.exit(0);
}

const target = resolve(process.argv[2] ?? process.cwd());
const all = apiPackages();
const selected = target === repoRoot ? all : all.filter((pkg) => pkg.dir === target);
if (selected.length === 0) {
  console.error(`No API package at ${target} (a package.json with "clipkit": { "spec": … }).`);
  process.exit(1);
}
for (const pkg of selected) {
  const text = await renderTypes(pkg.spec);
  mkdirSync(dirname(pkg.output), { recursive: true });
  writeFileSync(pkg.output, text);
  writeFileSync(pkg.limits, renderLimits(pkg.spec));
  for (const file of [pkg.output, pkg.limits]) {
    console.log(`${pkg.name}: ${relative(repoRoot, pkg.spec)} -> ${relative(repoRoot, file)}`);
  }
}
