import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { mutationExcluded, mutationSkipped } from "../mutation.config.ts";
import { repoRoot } from "./workspace.ts";

/** Folder names under packages/ that hold hand-written source (a src/ folder). */
export function sourcePackages(root = repoRoot): string[] {
  const dir = join(root, "packages");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "src")))
    .map((entry) => entry.name)
    .sort();
}

/** The packages `pnpm mutation` runs: those with source, less the ones skipped for a reason. */
export const mutatedPackages = (root = repoRoot): string[] =>
  sourcePackages(root).filter((pkg) => !(pkg in mutationSkipped));

/** Where the reports (HTML, JSON, incremental state) of one package's run go; gitignored. */
export const reportDir = (pkg: string, root = repoRoot) => join(root, "reports", "mutation", pkg);

export interface MutationRunOptions {
  concurrency?: number;
  incremental?: boolean;
  /** Globs (relative to the package) to mutate instead of all of src/; generated files stay out. */
  files?: string[];
  /** Fail the run (Stryker's `thresholds.break`) below this score. */
  breakAt?: number;
}

/**
 * The StrykerJS configuration for one package, run with the package folder as working
 * directory. `inPlace` mutates the real files (restored afterwards) so the workspace tsconfig
 * and pnpm's node_modules links resolve as usual; don't edit src/ while a run is going on.
 */
export function strykerConfig(pkg: string, options: MutationRunOptions = {}, root = repoRoot) {
  const packageDir = join(root, "packages", pkg);
  const reports = reportDir(pkg, root);
  const require = createRequire(join(root, "package.json"));
  return {
    $schema: relative(
      packageDir,
      join(root, "node_modules/@stryker-mutator/core/schema/stryker-schema.json"),
    ),
    packageManager: "pnpm",
    // pnpm's isolated node_modules hide the plugins from Stryker's own lookup: name them.
    plugins: [
      require.resolve("@stryker-mutator/vitest-runner"),
      require.resolve("@stryker-mutator/typescript-checker"),
    ],
    testRunner: "vitest",
    vitest: { configFile: "vitest.config.ts" },
    checkers: ["typescript"],
    tsconfigFile: "tsconfig.json",
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    mutate: [...(options.files ?? ["src/**/*.ts"]), ...mutationExcluded.map((glob) => `!${glob}`)],
    inPlace: true,
    coverageAnalysis: "perTest",
    concurrency: options.concurrency ?? 2,
    timeoutMS: 10_000,
    reporters: ["html", "json", "clear-text", "progress"],
    htmlReporter: { fileName: join(reports, "index.html") },
    jsonReporter: { fileName: join(reports, "mutation.json") },
    incremental: options.incremental ?? false,
    incrementalFile: join(reports, "incremental.json"),
    thresholds: { high: 90, low: 80, break: options.breakAt ?? null },
    tempDirName: join(reports, ".stryker-tmp"),
    cleanTempDir: true,
  };
}

interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

export interface FileScore {
  file: string;
  killed: number;
  survived: number;
  noCoverage: number;
  /** killed + timeout over killed + timeout + survived + no coverage, in %; null without mutants */
  score: number | null;
}

const DETECTED = new Set(["Killed", "Timeout"]);

function score(detected: number, undetected: number): number | null {
  const total = detected + undetected;
  return total === 0 ? null : Math.round((detected / total) * 1000) / 10;
}

/** Per-file and total scores from a Stryker JSON report (mutation-testing-report-schema). */
export function scoresOf(report: MutationReport): { files: FileScore[]; total: FileScore } {
  const files = Object.entries(report.files)
    .map(([file, { mutants }]) => {
      const count = (status: string) => mutants.filter((m) => m.status === status).length;
      const killed = mutants.filter((m) => DETECTED.has(m.status)).length;
      const survived = count("Survived");
      const noCoverage = count("NoCoverage");
      return { file, killed, survived, noCoverage, score: score(killed, survived + noCoverage) };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
  const sum = (key: "killed" | "survived" | "noCoverage") => files.reduce((n, f) => n + f[key], 0);
  const total = {
    file: "all files",
    killed: sum("killed"),
    survived: sum("survived"),
    noCoverage: sum("noCoverage"),
    score: score(sum("killed"), sum("survived") + sum("noCoverage")),
  };
  return { files, total };
}

/** A Markdown table of the scores, worst file first. */
export function scoreTable(scores: { files: FileScore[]; total: FileScore }): string {
  const rows = [...scores.files]
    .sort((a, b) => (a.score ?? 101) - (b.score ?? 101))
    .concat(scores.total)
    .map(
      (f) =>
        `| ${f.file} | ${f.score === null ? "–" : f.score.toFixed(1)} | ${f.killed} | ${f.survived} | ${f.noCoverage} |`,
    );
  return [
    "| file | score % | killed | survived | no coverage |",
    "|---|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}
