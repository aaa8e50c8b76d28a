// The README promises that every root script answers --help: each one runs either a script of
// ours that prints its usage, or a task of scripts/tasks.ts (which prints its summary and the
// commands it runs); none starts real work on --help, and none is shadowed by a pnpm command.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bin } from "../lib/run.ts";
import { repoRoot } from "../lib/workspace.ts";
import { commandsOf, TASKS } from "../tasks.ts";

const run = promisify(execFile);
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
const scripts = Object.entries(manifest(repoRoot).scripts as Record<string, string>);

// pnpm runs its own command, not the script, for these names (pnpm 10's CLI).
const PNPM_COMMANDS = new Set(
  "add approve-builds audit bin cat-file cat-index config create dedupe deploy dlx docs doctor env exec fetch find-hash help ignored-builds import info init install licenses link list ls outdated pack patch patch-commit prune publish rebuild remove root self-update server setup store unlink update version view why".split(
    " ",
  ),
);

/** Where a root script's --help ends up: [cwd, file] of a tsx script, or a task, or a tool. */
function target(command: string): { cwd: string; file: string } | { task: string } | string {
  const task = /^tsx scripts\/tasks\.ts (\S+)$/.exec(command);
  if (task) return { task: task[1] as string };
  const tsx = /^tsx (\S+\.ts)$/.exec(command);
  if (tsx) return { cwd: repoRoot, file: tsx[1] as string };
  const filtered = /^pnpm --filter (\S+) run (\S+)$/.exec(command);
  if (filtered) {
    const dir = join(repoRoot, "packages", (filtered[1] as string).replace("@clipkit/", ""));
    const inner = /^tsx (\S+\.ts)$/.exec(manifest(dir).scripts[filtered[2] as string]);
    if (inner) return { cwd: dir, file: inner[1] as string };
  }
  return command;
}

describe("every root script answers --help", () => {
  it.each(scripts)("%s is not shadowed by a pnpm command", (name) => {
    expect(PNPM_COMMANDS.has(name)).toBe(false);
  });

  it("each runs a script of ours or a task of scripts/tasks.ts (or is the changesets CLI)", () => {
    const others = scripts
      .map(([name, command]) => [name, target(command)] as const)
      .filter(
        ([name, to]) => typeof to === "string" && !(name === "changeset" && to === "changeset"),
      );
    expect(others).toEqual([]);
  });

  it("each task has a summary and commands it can run", () => {
    for (const [name, command] of scripts) {
      const to = target(command);
      if (typeof to !== "object" || !("task" in to)) continue;
      expect(TASKS[to.task]?.summary, name).toBeTruthy();
      for (const [tool] of commandsOf(to.task)) {
        expect(readFileSync(bin(tool as string)).length, `${name}: ${tool}`).toBeGreaterThan(0);
      }
    }
  });

  it("each script file prints its usage and exits 0, quickly (no 1 GiB benchmark)", async () => {
    const files = new Map<string, { cwd: string; file: string }>();
    for (const [, command] of scripts) {
      const to = target(command);
      if (typeof to === "object" && "file" in to) files.set(`${to.cwd}/${to.file}`, to);
    }
    // One task too, through the CLI: it must print, not run turbo.
    files.set("tasks", { cwd: repoRoot, file: "scripts/tasks.ts test" });
    // A few at a time: a dozen tsx starts at once time out on a loaded 2-core machine.
    const results: Array<readonly [string, boolean]> = [];
    const queue = [...files.values()];
    while (queue.length > 0) {
      const batch = queue.splice(0, 3);
      results.push(
        ...(await Promise.all(
          batch.map(async ({ cwd, file }) => {
            const [path, ...args] = file.split(" ");
            const { stdout } = await run(bin("tsx"), [path as string, ...args, "--help"], {
              cwd,
              timeout: 60_000,
            });
            return [file, stdout.startsWith("Usage:")] as const;
          }),
        )),
      );
    }
    expect(results.filter(([, usage]) => !usage)).toEqual([]);
    expect(results.length).toBeGreaterThan(8);
  }, 240_000);
});
