import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { changesetSlug, renderChangeset } from "./changeset.ts";
import { latestReleaseTag, showAt } from "./git.ts";
import { type Bump, diffSpecs, highestBump, type SpecChange } from "./spec-diff.ts";
import { apiPackages, repoRoot } from "./workspace.ts";

export interface SpecChangeset {
  packageName: string;
  /** the git ref the spec was compared with: the last release tag, or the base ref */
  since: string;
  bump: Bump;
  changes: SpecChange[];
  /** absolute path of the changeset file to write */
  file: string;
  markdown: string;
}

/**
 * One changeset per API package whose spec differs from its last released version: the
 * newest `<package>@<version>` tag when there is one, else `base`.
 */
export function planSpecChangesets(base = "HEAD", root = repoRoot): SpecChangeset[] {
  return apiPackages(root).flatMap((pkg) => {
    const specPath = relative(root, pkg.spec);
    const since = latestReleaseTag(pkg.name, root) ?? base;
    const current = parse(readFileSync(pkg.spec, "utf8"));
    const previousText = showAt(since, specPath, root);
    const changes: SpecChange[] =
      previousText === undefined
        ? [
            {
              bump: "minor",
              message: `New API: ${specPath} (${operationCount(current)} operations)`,
            },
          ]
        : diffSpecs(parse(previousText), current);
    const bump = highestBump(changes);
    if (!bump) return [];
    return [
      {
        packageName: pkg.name,
        since,
        bump,
        changes,
        file: join(root, ".changeset", `${changesetSlug(pkg.name)}.md`),
        markdown: renderChangeset(pkg.name, bump, changes, `\`${since}\``),
      },
    ];
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data.
function operationCount(spec: any): number {
  return Object.values(spec.paths ?? {}).reduce<number>(
    // biome-ignore lint/suspicious/noExplicitAny: path items are plain data.
    (sum, item: any) =>
      sum +
      ["get", "put", "post", "delete", "patch", "head", "options", "trace"].filter((m) => item?.[m])
        .length,
    0,
  );
}
