// Usage: tsx scripts/spec-changeset.ts [--dry-run] [--base <git ref>]
// Writes, for each API whose spec differs from its last release, .changeset/spec-<api>.md: the
// semver bump the changes call for and the list of every API change since that release.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { parseArgs } from "node:util";
import {
  planSpecChangesets,
  SPEC_CHANGE_STEPS,
  type SpecChangeset,
  SpecChangesetError,
} from "./lib/spec-changesets.ts";
import { repoRoot } from "./lib/workspace.ts";

const HELP = `Usage: pnpm spec:changeset [--dry-run] [--base <git ref>]

After a spec change:
${SPEC_CHANGE_STEPS}

For each specs/<api>.yaml that differs from the package's last release, writes
.changeset/spec-<api>.md listing every API change since that release, with the bump:
  major  removed operation, webhook, parameter, field, response or enum value; narrowed type;
         new required parameter or required request field
  minor  added operation, webhook, optional parameter, response field or status; widened enum
  patch  descriptions, summaries, examples
The last release is the tag <package>@<version> of package.json's version, else the last commit
that changed that version (the last \`changeset version\`, or the package's first commit); a
package at 0.0.0 or in no commit yet is a new API. The working tree is compared (committed or
not), so a rerun with nothing new writes the same bytes. The bump is never lower than one
already pending for the package in .changeset/ (delete the file to start over). The file is
generated: \`pnpm drift\` fails when it is missing or stale; put words of your own in a
changeset of your own (\`pnpm changeset\`), which stays.

Options:
  --dry-run     print the changesets instead of writing them
  --base <ref>  preview the changes since a git ref instead (prints, writes nothing)
  --help        show this help`;

const options = {
  base: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;
let values: ReturnType<typeof parseArgs<{ options: typeof options }>>["values"];
try {
  ({ values } = parseArgs({ options }));
} catch (error) {
  // An unknown option or a missing value: one line, and the usage is one --help away.
  console.error(`spec:changeset: ${(error as Error).message} (see --help)`);
  process.exit(1);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

let plans: SpecChangeset[];
try {
  plans = planSpecChangesets({ base: values.base });
} catch (error) {
  if (!(error instanceof SpecChangesetError)) throw error;
  console.error(`spec:changeset: ${error.message}; no changeset written.`);
  process.exit(1);
}
if (plans.length === 0) {
  const since = values.base === undefined ? "its last release" : values.base;
  console.log(`No spec differs from ${since}; no changeset written.`);
}
const preview = values["dry-run"] || values.base !== undefined;
for (const plan of plans) {
  const file = relative(repoRoot, plan.file);
  const count = `${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"}`;
  console.log(`${plan.packageName}: ${plan.bump} (${count} since ${plan.since})`);
  if (preview) {
    console.log(`--- ${file}\n${plan.markdown}`);
    continue;
  }
  if (existsSync(plan.file) && readFileSync(plan.file, "utf8") === plan.markdown) {
    console.log(`  ${file} is up to date`);
    continue;
  }
  mkdirSync(dirname(plan.file), { recursive: true });
  writeFileSync(plan.file, plan.markdown);
  console.log(`  wrote ${file}`);
}
