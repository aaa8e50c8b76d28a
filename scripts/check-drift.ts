// Usage: tsx scripts/check-drift.ts
// Regenerates every API package's types in memory and fails when a committed file differs
// (a spec edited without regenerating, or a generated file edited by hand), when a package's
// src/version.ts no longer says its package.json's version, or when generated
// files sit in a package that has no spec (nothing would ever regenerate them), or when a spec
// differs from its last release and .changeset/spec-<api>.md does not describe every change.
import { findDrift, findOrphans } from "./lib/drift.ts";
import { staleSpecChangesets } from "./lib/spec-changesets.ts";
import { findVersionDrift } from "./lib/version-file.ts";

if (process.argv.includes("--help")) {
  console.log(`Usage: pnpm drift

Fails when a committed packages/<api>/src/generated/ file differs from what its spec generates,
when a published package's src/version.ts does not match its package.json (after a bare
\`changeset version\`: use \`pnpm version-packages\`, which regenerates it), when a declared
spec is missing, when a package without a spec holds generated files, or when a spec differs
from its last release and .changeset/spec-<api>.md is missing or is not what
\`pnpm spec:changeset\` writes (see \`pnpm spec:changeset --help\`).`);
  process.exit(0);
}

const drifted = [...findVersionDrift(), ...(await findDrift())];
const orphans = findOrphans();
const changesets = staleSpecChangesets();
for (const line of drifted) console.error(`drift: ${line}`);
for (const line of orphans) console.error(`orphan: ${line}`);
for (const line of changesets) console.error(`changeset: ${line}`);
if (drifted.length > 0) {
  console.error("Generated code is stale. Run `pnpm generate` and commit the result.");
}
if (orphans.length > 0) {
  console.error(
    'Generated code without a spec. Add "clipkit": { "spec": "<api>" } to the package.json and run `pnpm generate`, or delete the generated folder (`git rm -r <folder>`), then commit.',
  );
}
if (changesets.length > 0) {
  console.error(
    "A spec change no changeset describes. Run `pnpm spec:changeset` and commit .changeset/.",
  );
}
if (drifted.length > 0 || orphans.length > 0 || changesets.length > 0) process.exit(1);
console.log("Generated code matches the specs; every spec change has its changeset.");
