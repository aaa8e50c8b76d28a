// Usage: tsx scripts/spec-changeset.ts [--base <git ref>] [--dry-run]
// Compares every API spec with its last released version and writes one changeset per
// changed API, with the semver bump the change calls for and a list of the API changes.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { parseArgs } from "node:util";
import { planSpecChangesets } from "./lib/spec-changesets.ts";
import { repoRoot } from "./lib/workspace.ts";

const HELP = `Usage: pnpm spec:changeset [--base <git ref>] [--dry-run]

Compares each specs/<api>.yaml (working tree) with its last released version — the newest
git tag <package>@<version>, else --base (default: HEAD) — classifies the changes and writes
.changeset/spec-<api>.md with the bump:
  major  removed operation, parameter, field, response or enum value; narrowed type;
         new required parameter or required request field
  minor  added operation, optional parameter, response field or status; widened enum
  patch  descriptions, summaries, examples
Rerunning overwrites the file, so it always describes everything since the last release.

Options:
  --base <ref>  git ref to compare with when a package has no release tag (default: HEAD)
  --dry-run     print the changesets instead of writing them
  --help        show this help`;

const { values } = parseArgs({
  options: {
    base: { type: "string", default: "HEAD" },
    "dry-run": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const plans = planSpecChangesets(values.base);
if (plans.length === 0) {
  console.log(`No spec changed since its last release (or ${values.base}); no changeset written.`);
}
for (const plan of plans) {
  const file = relative(repoRoot, plan.file);
  console.log(
    `${plan.packageName}: ${plan.bump} (${plan.changes.length} changes since ${plan.since})`,
  );
  if (values["dry-run"]) {
    console.log(`--- ${file}\n${plan.markdown}`);
    continue;
  }
  mkdirSync(dirname(plan.file), { recursive: true });
  writeFileSync(plan.file, plan.markdown);
  console.log(`  wrote ${file}`);
}
