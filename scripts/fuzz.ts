// Usage: pnpm fuzz [--runs N] [--seed S]
// Runs the property-based fuzz suites (packages/*/test/fuzz) against Prism with many more
// inputs than `pnpm test` does (30 per operation, fixed seed).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/workspace.ts";

const HELP = `Usage: pnpm fuzz [--runs N] [--seed S]

Fuzzes every operation of every client against Prism from the specs' generated limits: each
input must become requests Prism's validator accepts, with every path parameter in its own
segment, or a ClipKitValidationError with nothing sent. Also the webhook receiver's properties
(packages/zoom-webhooks/test/fuzz: tampered requests refused, signed bytes verified; 5× the runs).

  --runs N   inputs per operation (default 1000; pnpm test uses 30)
  --seed S   fast-check seed (default: a random one, printed so a failure can be replayed)
  --help     this text

Needs built packages (pnpm build).`;

const { values } = parseArgs({
  options: { runs: { type: "string" }, seed: { type: "string" }, help: { type: "boolean" } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const runs = Number(values.runs ?? 1000);
const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error(`--runs and --seed take whole numbers (runs ≥ 1).\n\n${HELP}`);
  process.exit(2);
}
console.log(`fuzz: ${runs} runs per operation, seed ${seed}`);
const started = Date.now();
const projects = ["zoom-clips", "zoom-cloud-recording", "uplynk-clipping", "zoom-webhooks"].flatMap(
  (name) => ["--project", name],
);
const vitest = join(repoRoot, "node_modules", ".bin", "vitest");
const result = spawnSync(vitest, ["run", ...projects, "test/fuzz"], {
  cwd: repoRoot,
  stdio: "inherit",
  env: { ...process.env, CLIPKIT_FUZZ_RUNS: String(runs), CLIPKIT_FUZZ_SEED: String(seed) },
});
console.log(`fuzz: done in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
process.exit(result.status ?? 1);
