// The changesets waiting in .changeset/ for the next `changeset version`: which package each
// one bumps, and by how much. spec:changeset reads them so that it never writes a lower bump
// than one already pending for a package.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Bump } from "./spec-diff.ts";

export interface PendingBump {
  /** file name under .changeset/, e.g. `spec-zoom-clips.md` */
  file: string;
  bump: Bump;
}

const BUMPS: readonly string[] = ["major", "minor", "patch"];

/**
 * package name → every pending bump of it, one per changeset file that names it. Throws, naming
 * the file, when a changeset's frontmatter is not YAML (changesets itself would refuse it).
 */
export function pendingBumps(root: string): Map<string, PendingBump[]> {
  const dir = join(root, ".changeset");
  const pending = new Map<string, PendingBump[]>();
  if (!existsSync(dir)) return pending;
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".md") || file === "README.md") continue;
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, file), "utf8"));
    let releases: unknown;
    try {
      releases = front ? parse(front[1] as string) : undefined;
    } catch {
      throw new Error(`.changeset/${file}: its frontmatter does not parse`);
    }
    if (!releases || typeof releases !== "object") continue;
    for (const [name, bump] of Object.entries(releases)) {
      if (typeof bump !== "string" || !BUMPS.includes(bump)) continue;
      pending.set(name, [...(pending.get(name) ?? []), { file, bump: bump as Bump }]);
    }
  }
  return pending;
}
