// Usage: tsx scripts/check-pack.ts
// Before a release: packs every public workspace package (dry run) and fails when its
// tarball would miss a file its own code or types import, or an `exports` target.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findPackProblems } from "./lib/pack-check.ts";
import { repoRoot } from "./lib/workspace.ts";

if (process.argv.includes("--help")) {
  console.log(`Usage: pnpm check:pack   (after pnpm build)

Runs \`npm pack --dry-run\` for every public package under packages/ and checks that each
relative import of the packed .js/.d.ts files, and each "exports" target, is in the tarball.`);
  process.exit(0);
}

let failed = false;
for (const entry of readdirSync(join(repoRoot, "packages"), { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const dir = join(repoRoot, "packages", entry.name);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (manifest.private) continue;
  const problems = findPackProblems(dir);
  console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${manifest.name}`);
  for (const problem of problems) console.log(`     ${problem}`);
  failed ||= problems.length > 0;
}
if (failed) {
  console.error(
    "\nA published package would be broken. Fix its build or `files`, run `pnpm build`, retry.",
  );
  process.exit(1);
}
