import type { Bump, SpecChange } from "./spec-diff.ts";

const LIMIT = 40;

/** The Markdown of a changeset that bumps `packageName` by `bump` and lists the API changes. */
export function renderChangeset(
  packageName: string,
  bump: Bump,
  changes: SpecChange[],
  since: string,
): string {
  const heading: Record<Bump, string> = {
    major: "Breaking API changes",
    minor: "New API features",
    patch: "Documentation changes",
  };
  const lines = [
    "---",
    `"${packageName}": ${bump}`,
    "---",
    "",
    `${heading[bump]} from the OpenAPI spec (compared with ${since}):`,
    "",
    ...changes.slice(0, LIMIT).map((change) => `- **${change.bump}**: ${change.message}`),
  ];
  if (changes.length > LIMIT) lines.push(`- … and ${changes.length - LIMIT} more changes`);
  return `${lines.join("\n")}\n`;
}

/** The changeset file name of a spec update of `packageName`: one per package, overwritten. */
export function changesetSlug(packageName: string): string {
  return `spec-${packageName.replace(/^@[^/]+\//, "").replace(/[^a-z0-9-]/gi, "-")}`;
}
