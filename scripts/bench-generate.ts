// Usage: tsx scripts/bench-generate.ts   (run as `pnpm bench:generate`: turbo needs pnpm)
// Times `turbo run generate` in a throwaway copy of the repository: cold (empty cache, every
// spec generated), a no-op rerun (everything from cache) and after editing one spec's
// description (only that package regenerates). Prints a table; not a test.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseDocument } from "yaml";
import { requirePnpm } from "./lib/run.ts";
import { createSandbox } from "./lib/sandbox.ts";
import { apiPackages, repoRoot } from "./lib/workspace.ts";

if (process.argv.includes("--help")) {
  console.log(`Usage: pnpm bench:generate [--keep]

Copies the repository to a temp dir (node_modules linked, nothing installed) and times
turbo run generate three ways: cold (--force, empty cache; goal < 5 s), no-op from cache
(goal < 1 s) and one spec's description changed (goal: 1 task run, the rest cached).
--keep leaves the temp copy in place and prints its path.`);
  process.exit(0);
}
requirePnpm("bench:generate");

const packages = readdirSync(join(repoRoot, "packages"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const sandbox = createSandbox({ packages, commit: true });
const apis = apiPackages(sandbox);
const turbo = join(sandbox, "node_modules", ".bin", "turbo");

interface Row {
  scenario: string;
  ms: number;
  ran: number;
  cached: number;
  total: number;
  goal: string;
  ok: boolean;
}

function generate(args: string[]): Omit<Row, "scenario" | "goal" | "ok"> {
  const started = performance.now();
  const result = spawnSync(turbo, ["run", "generate", "--output-logs=none", ...args], {
    cwd: sandbox,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error("turbo run generate failed");
  }
  const total = Number(
    /Tasks:\s+\d+ successful, (\d+) total/.exec(result.stdout)?.[1] ?? Number.NaN,
  );
  const cached = Number(/Cached:\s+(\d+) cached/.exec(result.stdout)?.[1] ?? Number.NaN);
  return { ms, ran: total - cached, cached, total };
}

const rows: Row[] = [];
rmSync(join(sandbox, ".turbo"), { recursive: true, force: true });
const cold = generate(["--force"]);
rows.push({
  scenario: "cold (--force, empty cache)",
  ...cold,
  goal: "< 5 s",
  ok: cold.ms < 5000 && cold.ran === apis.length,
});
const noop = generate([]);
rows.push({
  scenario: "no-op (all from cache)",
  ...noop,
  goal: "< 1 s, 0 run",
  ok: noop.ms < 1000 && noop.ran === 0,
});

const changed = apis[0];
if (!changed) throw new Error("no API package to benchmark");
const doc = parseDocument(readFileSync(changed.spec, "utf8"));
doc.setIn(
  ["info", "description"],
  `${doc.getIn(["info", "description"]) ?? ""}\n(benchmark edit)\n`,
);
writeFileSync(changed.spec, doc.toString());
const one = generate([]);
rows.push({
  scenario: `one spec changed (${basename(changed.spec)})`,
  ...one,
  goal: "1 run, rest cached",
  ok: one.ran === 1 && one.cached === apis.length - 1,
});

console.log(`turbo run generate over ${apis.length} API packages (copy: ${sandbox})\n`);
console.log("| scenario | time | tasks run | cached | goal | met |");
console.log("| --- | ---: | ---: | ---: | --- | --- |");
for (const row of rows) {
  const time = row.ms < 1000 ? `${row.ms.toFixed(0)} ms` : `${(row.ms / 1000).toFixed(2)} s`;
  console.log(
    `| ${row.scenario} | ${time} | ${row.ran}/${row.total} | ${row.cached} | ${row.goal} | ${row.ok ? "yes" : "NO"} |`,
  );
}
if (!process.argv.includes("--keep")) rmSync(sandbox, { recursive: true, force: true });
