import { execFileSync } from "node:child_process";
import { repoRoot } from "./workspace.ts";

/** Runs git in the repository and returns its trimmed stdout. */
export function git(args: string[], cwd = repoRoot): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/** The content of `path` (relative to the repository) at `ref`, or undefined if it did not exist. */
export function showAt(ref: string, path: string, cwd = repoRoot): string | undefined {
  try {
    return execFileSync("git", ["show", `${ref}:${path}`], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

/** The newest release tag `<package>@<version>` of a package (highest version), if any. */
export function latestReleaseTag(packageName: string, cwd = repoRoot): string | undefined {
  const tags = git(["tag", "--list", `${packageName}@*`, "--sort=-v:refname"], cwd);
  return tags.split("\n").find((tag) => tag.length > 0);
}

/** Files (relative paths) that differ from `ref` in the working tree, untracked files included. */
export function changedFiles(ref: string, cwd = repoRoot): string[] {
  const tracked = git(["diff", "--name-only", ref, "--"], cwd);
  const untracked = git(["ls-files", "--others", "--exclude-standard"], cwd);
  return [...new Set([...tracked.split("\n"), ...untracked.split("\n")].filter(Boolean))];
}

/** Whether `cwd` is inside a git work tree (a sandbox copied without `git init` is not). */
export function isGitRepository(cwd = repoRoot): boolean {
  try {
    return git(["rev-parse", "--is-inside-work-tree"], cwd) === "true";
  } catch {
    return false;
  }
}

/** The full hash of the commit `ref` names, or undefined when it names none. */
export function resolveCommit(ref: string, cwd = repoRoot): string | undefined {
  try {
    return git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], cwd);
  } catch {
    return undefined;
  }
}

/**
 * The newest commit of HEAD's history that changed the `"version"` line of `manifest` (a
 * package.json, relative path): the last `changeset version`, or the commit that added the
 * package. Undefined when no commit holds the file.
 */
export function lastVersionCommit(manifest: string, cwd = repoRoot): string | undefined {
  try {
    const hash = git(["log", "-1", "--format=%H", "-G", '"version"\\s*:', "--", manifest], cwd);
    return hash || undefined;
  } catch {
    return undefined; // a repository without commits
  }
}

/** Whether commit `ancestor` is in the history of `descendant` (or is it). */
export function isAncestor(ancestor: string, descendant: string, cwd = repoRoot): boolean {
  try {
    git(["merge-base", "--is-ancestor", ancestor, descendant], cwd);
    return true;
  } catch {
    return false;
  }
}
