// What a package's spec is compared with when spec:changeset describes "every API change since
// the last release". The answer depends only on the repository's history and package.json, never
// on when the command runs, so reruns on any branch, committed or not, describe the same changes.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isAncestor, lastVersionCommit, latestReleaseTag, resolveCommit, showAt } from "./git.ts";
import type { ApiPackage } from "./workspace.ts";

export type Baseline =
  /** the spec as it was at `ref` (a release tag, or the commit of the last version) */
  | { kind: "release"; ref: string; label: string }
  /** package.json's version differs from HEAD's: a release is being versioned right now */
  | { kind: "versioning"; label: string }
  /** never versioned (0.0.0, as `pnpm new-api` writes it) or in no commit yet: a new API */
  | { kind: "new"; label: string };

const versionOf = (manifestText: string | undefined): string | undefined =>
  manifestText === undefined ? undefined : JSON.parse(manifestText).version;

/**
 * In order: a version not committed yet is a release in progress (nothing is pending); a
 * package at 0.0.0 with no release tag is new; else the later of the newest release tag
 * `<package>@<version>` and the newest commit that changed package.json's version (the last
 * `changeset version`, or the commit that created the package at its first version); else new.
 */
export function specBaseline(pkg: ApiPackage, root: string): Baseline {
  const manifest = relative(root, join(pkg.dir, "package.json"));
  const version = versionOf(readFileSync(join(root, manifest), "utf8"));
  const committed = versionOf(showAt("HEAD", manifest, root));
  if (committed !== undefined && committed !== version) {
    return { kind: "versioning", label: `${pkg.name} ${committed} → ${version}, not committed` };
  }
  const tag = latestReleaseTag(pkg.name, root);
  if (version === "0.0.0" && tag === undefined) {
    return { kind: "new", label: `no earlier version: ${pkg.name} has never been versioned` };
  }
  const commit = lastVersionCommit(manifest, root);
  // A tag made when the version commit was published (or later) wins; a version committed
  // after the newest tag (versioned, not yet published) is the newer release.
  if (tag && !(commit && isAncestor(tag, commit, root) && resolveCommit(tag, root) !== commit)) {
    return { kind: "release", ref: tag, label: `\`${tag}\`` };
  }
  if (commit) {
    return {
      kind: "release",
      ref: commit,
      label: `version ${version} (commit \`${commit.slice(0, 7)}\`)`,
    };
  }
  return { kind: "new", label: `no earlier version: ${pkg.name} is in no commit yet` };
}
