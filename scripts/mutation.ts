// Usage: tsx scripts/mutation.ts [package…] [--ci] [--incremental] [--concurrency <n>]
// StrykerJS over the hand-written source of each package; prints a score table per file.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { mutatedPackages, reportDir, scoresOf, scoreTable, strykerConfig } from "./lib/mutation.ts";
import { bin, requirePnpm, step } from "./lib/run.ts";
import { repoRoot } from "./lib/workspace.ts";
import { mutationThresholds } from "./mutation.config.ts";

const HELP = `Usage: pnpm mutation [package…] [--ci] [--incremental] [--concurrency <n>] [--files <globs>]

Mutation testing with StrykerJS (vitest runner, TypeScript checker) of each package's src/
(generated files excluded). Packages are folder names under packages/ (default: all of them).
Slow: minutes per package. Not part of \`pnpm test\`.

Reports: reports/mutation/<package>/index.html (open in a browser) and mutation.json;
a score table per file is printed at the end.

Mutants are applied to the files in place and restored afterwards: don't edit src/ meanwhile.

Options:
  --ci               fail (exit 1) when a package scores below its threshold
                     in scripts/mutation.config.ts
  --incremental      reuse the previous run's results (reports/mutation/<package>/incremental.json);
                     only mutants in changed code, or covered by changed tests, run again
  --concurrency <n>  test runners in parallel (default 2)
  --files <globs>    mutate only these files of the package (comma-separated globs relative
                     to the package, e.g. src/poll.ts,src/auth/*.ts); the score is theirs
  --help             show this help`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ci: { type: "boolean", default: false },
    incremental: { type: "boolean", default: false },
    concurrency: { type: "string", default: "2" },
    files: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const known = mutatedPackages();
const packages = positionals.length > 0 ? positionals : known;
const unknown = packages.filter((pkg) => !known.includes(pkg));
if (unknown.length > 0) {
  console.error(`Unknown package(s): ${unknown.join(", ")}. Known: ${known.join(", ")}`);
  process.exit(2);
}
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`--concurrency must be a positive integer, got ${values.concurrency}`);
  process.exit(2);
}

// A package's tests import its dependencies' dist/: a fresh clone has none yet.
requirePnpm("mutation");
step("Build", bin("turbo"), ["run", "build", "--output-logs=errors-only"]);

const summary: string[] = [];
let failed = false;
for (const pkg of packages) {
  const threshold = mutationThresholds[pkg];
  const dir = reportDir(pkg);
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, "stryker.config.json");
  const config = strykerConfig(pkg, {
    concurrency,
    incremental: values.incremental,
    ...(values.files ? { files: values.files.split(",").filter(Boolean) } : {}),
    ...(values.ci ? { breakAt: threshold } : {}),
  });
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);

  console.log(`\n▶ Mutation testing packages/${pkg} (threshold ${threshold} %)`);
  const started = Date.now();
  const run = spawnSync(bin("stryker"), ["run", configFile], {
    cwd: join(repoRoot, "packages", pkg),
    stdio: "inherit",
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);

  let table = "(no report)";
  let total: number | null = null;
  try {
    const scores = scoresOf(JSON.parse(readFileSync(config.jsonReporter.fileName, "utf8")));
    table = scoreTable(scores);
    total = scores.total.score;
  } catch {}
  const below = total === null || total < (threshold ?? 0);
  if (run.status !== 0 || (values.ci && below)) failed = true;
  summary.push(
    `## ${pkg}: ${total ?? "–"} % (threshold ${threshold} %), ${minutes} min, exit ${run.status}\n\n${table}`,
  );
}

console.log(`\n${summary.join("\n\n")}`);
process.exit(failed ? 1 : 0);
