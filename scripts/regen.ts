// Usage: tsx scripts/regen.ts [--base <git ref>] [--all] [--no-test]
// The one command after a spec change: lint the specs, regenerate (turbo skips unchanged
// specs from cache), build, typecheck, then test the API packages the change touched.
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { affectedApiPackages, vitestProject } from "./lib/affected.ts";
import { bin, requirePnpm, step } from "./lib/run.ts";
import { nextStepAfterRegen, SPEC_CHANGE_STEPS } from "./lib/spec-changesets.ts";
import { repoRoot } from "./lib/workspace.ts";

const HELP = `Usage: pnpm regen [--base <git ref>] [--all] [--no-test]

After a spec change:
${SPEC_CHANGE_STEPS}

regen (step 2) runs in order:
  a. turbo run lint:spec          redocly lint of every spec (cached when unchanged)
  b. turbo run generate           regenerate the types of every API whose spec changed
  c. turbo run build typecheck    build and type-check every package (cached when unchanged)
  d. vitest run --project <api>   the tests of each API package whose spec or generated
                                  files differ from --base (working tree, untracked included)
and ends by printing the next step: \`pnpm spec:changeset\` while a spec change has no
changeset that describes it.

Options:
  --base <ref>  git ref that decides which packages are affected (default: HEAD)
  --all         run every vitest project instead of the affected ones
  --no-test     stop after build and typecheck
  --help        show this help`;

const { values } = parseArgs({
  options: {
    base: { type: "string", default: "HEAD" },
    all: { type: "boolean", default: false },
    "no-test": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

requirePnpm("regen");
const turbo = bin("turbo");
step("Lint the specs", turbo, ["run", "lint:spec", "--output-logs=errors-only"]);
step("Regenerate changed APIs", turbo, ["run", "generate", "--output-logs=new-only"]);
step("Build and typecheck", turbo, ["run", "build", "typecheck", "--output-logs=errors-only"]);
step("Rewrite the API map", bin("tsx"), ["scripts/api-map.ts"]);

testApis();
// The last words of a successful run: the step that comes next.
console.log(`\n${nextStepAfterRegen()}`);

/** Part d of regen: the tests of the affected API packages (or all, or none). */
function testApis(): void {
  if (values["no-test"]) return;
  if (values.all) {
    step("Test everything", bin("vitest"), ["run"]);
    return;
  }
  const affected = affectedApiPackages(values.base);
  const projects = affected.flatMap((pkg) => {
    const project = vitestProject(pkg);
    if (!project) console.log(`(${pkg.name} has no vitest.config.ts: nothing to test)`);
    return project ? [project] : [];
  });
  if (projects.length === 0) {
    console.log(`\nNo spec or generated file differs from ${values.base}: no API tests to run.`);
    return;
  }
  console.log(
    `\nAffected since ${values.base}: ${affected.map((p) => relative(repoRoot, p.dir)).join(", ")}`,
  );
  step("Test the affected APIs", bin("vitest"), [
    "run",
    ...projects.flatMap((project) => ["--project", project]),
  ]);
}
