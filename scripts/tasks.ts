// Usage: tsx scripts/tasks.ts <task> [args…]
// The root scripts that chain other tools (turbo, biome, vitest, changesets) live here, so that
// `pnpm <script> --help` prints what the script does instead of the last tool's own help.
// Arguments after the task name go to its last command (`pnpm test --project core`).
import { spawnSync } from "node:child_process";
import { bin } from "./lib/run.ts";
import { repoRoot } from "./lib/workspace.ts";

type Step = string[] | { task: string };
interface Task {
  summary: string;
  steps: Step[];
}

export const TASKS: Record<string, Task> = {
  generate: {
    summary:
      "Regenerates src/version.ts (from package.json) and src/generated/ (from the spec) of every package whose inputs changed; turbo caches the rest.",
    steps: [["turbo", "run", "generate"]],
  },
  build: {
    summary: "ESM + .d.ts builds of every package with tsc (after generate).",
    steps: [["turbo", "run", "build"]],
  },
  "lint:spec": {
    summary: "redocly lint of every spec (specs/*.yaml).",
    steps: [["turbo", "run", "lint:spec"]],
  },
  lint: {
    summary: "Spec lint, then Biome (format, lint rules, import order) over the repository.",
    steps: [{ task: "lint:spec" }, ["biome", "check", "."]],
  },
  typecheck: {
    summary: "tsc --noEmit of every package, its tests included.",
    steps: [["turbo", "run", "typecheck"]],
  },
  "typecheck:scripts": {
    summary: "tsc --noEmit of the repository tooling in scripts/.",
    steps: [["tsc", "-p", "scripts/tsconfig.json"]],
  },
  test: {
    summary: "Everything CI runs: drift, lint, build, typecheck, the tarball checks, then vitest.",
    steps: [
      ["tsx", "scripts/check-drift.ts"],
      { task: "lint" },
      ["turbo", "run", "build", "typecheck"],
      { task: "typecheck:scripts" },
      ["tsx", "scripts/check-pack.ts"],
      ["vitest", "run"],
    ],
  },
  demo: {
    summary: "Builds, then runs each client's example flow against a Prism mock of its spec.",
    steps: [
      ["turbo", "run", "build"],
      ["tsx", "scripts/demo.ts"],
    ],
  },
  "archive:demo": {
    summary:
      "Builds, starts the local fake Zoom (429s, slow bodies, a CDN host) and runs `clipkit zoom recordings archive` on a year of one user's recordings with its progress display; args go to the CLI (e.g. --out ./my-archive).",
    steps: [
      ["turbo", "run", "build", "--output-logs=errors-only"],
      ["tsx", "scripts/archive-demo.ts"],
    ],
  },
  "bench:archive": {
    summary:
      "Builds, then archives N files from the local fake Zoom at concurrency 1, 4 and 8 beside plain parallel downloads of the same URLs: throughput ratio and peak RSS.",
    steps: [
      ["turbo", "run", "build", "--output-logs=errors-only"],
      ["tsx", "scripts/bench-archive.ts"],
    ],
  },
  "bench:account": {
    summary:
      "Builds, then archives a 500-user account (20 meetings × 3 small files each) from the local fake Zoom under the Pro plan's rate limits with --all-users: zero 429s, every file once with its sha256, peak RSS under 200 MB, wall time within 1.2× of what the limits allow; exit 1 on a miss.",
    steps: [
      ["turbo", "run", "build", "--output-logs=errors-only"],
      ["tsx", "scripts/bench-account.ts"],
    ],
  },
  "bench:overhead": {
    summary:
      "Builds, then times raw fetch vs openapi-fetch vs each client against a local JSON server, interleaved.",
    steps: [
      ["turbo", "run", "build", "--output-logs=errors-only"],
      ["tsx", "scripts/bench-overhead.ts"],
    ],
  },
  "bench:paginate": {
    summary:
      "Builds, then times the Cloud Recording client's paginate vs a hand-written openapi-fetch loop over 100,000 items, interleaved.",
    steps: [
      ["turbo", "run", "build", "--output-logs=errors-only"],
      ["tsx", "scripts/bench-paginate.ts"],
    ],
  },
  "version-packages": {
    summary:
      "changeset version (bump, CHANGELOG.md, consume the changesets), then regenerate each package's src/version.ts.",
    steps: [
      ["changeset", "version"],
      ["tsx", "scripts/generate.ts"],
    ],
  },
  release: {
    summary:
      "changeset publish: publishes each package version not yet on npm and tags it <package>@<version>.",
    steps: [["changeset", "publish"]],
  },
  "build:docs": {
    summary:
      "docs/<api>.html for every spec with Redocly (Redoc embedded) and docs/reference/ with TypeDoc; turbo caches it on the specs and sources.",
    steps: [["turbo", "run", "docs:html"]],
  },
  "test:docs": {
    summary:
      "Opens each docs/<api>.html in headless Chromium and checks every operation renders (skips without /usr/bin/chromium).",
    steps: [["vitest", "run", "--project", "scripts", "scripts/test/docs.test.ts"]],
  },
  "test:scaffold": {
    summary:
      "The pnpm new-api test: scaffolds a throwaway API in a sandbox and runs every check on it.",
    steps: [["vitest", "run", "--project", "scripts", "scripts/test/new-api.test.ts"]],
  },
};

/** The commands a task runs, other tasks expanded. */
export function commandsOf(name: string): string[][] {
  const task = TASKS[name];
  if (!task) throw new Error(`No task "${name}"`);
  return task.steps.flatMap((step) => ("task" in step ? commandsOf(step.task) : [step]));
}

function help(name: string): string {
  const task = TASKS[name] as Task;
  const lines = commandsOf(name).map((command) => `  ${command.join(" ")}`);
  return `Usage: pnpm ${name} [args for the last command]\n\n${task.summary}\n\nRuns:\n${lines.join("\n")}`;
}

const isMain = process.argv[1]?.endsWith("tasks.ts");
if (isMain) {
  const [name, ...args] = process.argv.slice(2);
  if (!name || !(name in TASKS)) {
    console.error(`Usage: tsx scripts/tasks.ts <${Object.keys(TASKS).join("|")}> [args…]`);
    process.exit(1);
  }
  if (args.includes("--help") || args.includes("-h")) {
    console.log(help(name));
    process.exit(0);
  }
  const commands = commandsOf(name);
  for (const [i, [tool, ...toolArgs]] of commands.entries()) {
    const last = i === commands.length - 1;
    const result = spawnSync(bin(tool as string), [...toolArgs, ...(last ? args : [])], {
      cwd: repoRoot,
      stdio: "inherit",
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
