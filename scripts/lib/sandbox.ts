// A throwaway copy of the repository for tests and benchmarks: the files git knows about
// (tracked, plus untracked files that are not ignored) of the root, scripts/, specs/ and the
// chosen packages, reusing the real node_modules through symlinks (never installing).
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { git } from "./git.ts";
import { repoRoot } from "./workspace.ts";

export interface SandboxOptions {
  /** folder names under packages/ to copy */
  packages: string[];
  /** folder names under packages/ to symlink to the real ones (used as built dependencies) */
  link?: string[];
  /** also `git init` and commit everything (turbo hashes with git) */
  commit?: boolean;
}

export function createSandbox({ packages, link = [], commit = false }: SandboxOptions): string {
  const dir = mkdtempSync(join(tmpdir(), "clipkit-sandbox-"));
  const wanted = (file: string) =>
    !file.includes("/") ||
    file.startsWith("scripts/") ||
    file.startsWith("specs/") ||
    // The changesets config, without pending changesets (they would bump other packages).
    file === ".changeset/config.json" ||
    packages.some((pkg) => file.startsWith(`packages/${pkg}/`));
  const files = git(["ls-files", "--cached", "--others", "--exclude-standard"]).split("\n");
  for (const file of files.filter(wanted)) {
    const from = join(repoRoot, file);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
  }
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  for (const pkg of packages)
    linkDependencies(join(repoRoot, "packages", pkg), join(dir, "packages", pkg));
  for (const pkg of link) {
    mkdirSync(join(dir, "packages"), { recursive: true });
    symlinkSync(join(repoRoot, "packages", pkg), join(dir, "packages", pkg));
  }
  if (commit) {
    const run = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    run("init", "-q");
    run("add", "-A");
    run(
      "-c",
      "user.name=sandbox",
      "-c",
      "user.email=sandbox@example.com",
      "commit",
      "-qm",
      "sandbox",
    );
  }
  return dir;
}

/**
 * Gives `to` the node_modules of package `from`: pnpm's links are relative, so copied verbatim
 * they point into the sandbox's node_modules (a symlink to the real one) and its packages/.
 */
export function linkDependencies(from: string, to: string): void {
  const source = join(from, "node_modules");
  if (!existsSync(source)) return;
  cpSync(source, join(to, "node_modules"), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (path) => !path.includes(".vite-temp"),
  });
}
