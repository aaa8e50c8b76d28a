import { type Bump, highestBump, type SpecChange } from "./spec-diff.ts";

const LIMIT = 40;
const SHOWN_OPERATIONS = 3;

/**
 * Bullets for a changeset: a change found the same way in several operations (a shared
 * schema) becomes one bullet naming the operations, e.g.
 * "response 404 body field `code`: removed (GET /clips, DELETE /clips/{clipId})".
 */
export function summarize(changes: SpecChange[]): string[] {
  const groups = new Map<string, { bump: Bump; what: string; operations: string[] }>();
  for (const { bump, message } of changes) {
    const match = /^([A-Z]+ \/\S*): (.*)$/.exec(message);
    const operation = match?.[1];
    const what = match?.[2] ?? message;
    const key = `${bump} ${what}`;
    const group = groups.get(key) ?? { bump, what, operations: [] };
    if (operation) group.operations.push(operation);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ bump, what, operations }) => {
    if (operations.length === 0) return `**${bump}**: ${what}`;
    if (operations.length === 1) return `**${bump}**: ${operations[0]}: ${what}`;
    const shown = operations.slice(0, SHOWN_OPERATIONS).join(", ");
    const more =
      operations.length > SHOWN_OPERATIONS
        ? ` and ${operations.length - SHOWN_OPERATIONS} more`
        : "";
    return `**${bump}**: ${what} (${shown}${more})`;
  });
}

/**
 * The Markdown of a changeset that bumps `packageName` by `bump` and lists the API changes; the
 * heading follows the changes, the bump may be higher (one already pending is never lowered).
 */
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
  const bullets = summarize(changes);
  const lines = [
    "---",
    `"${packageName}": ${bump}`,
    "---",
    "",
    `${heading[highestBump(changes) ?? bump]} from the OpenAPI spec (compared with ${since}):`,
    "",
    ...bullets.slice(0, LIMIT).map((bullet) => `- ${bullet}`),
  ];
  if (bullets.length > LIMIT) lines.push(`- … and ${bullets.length - LIMIT} more changes`);
  return `${lines.join("\n")}\n`;
}

/** The changeset file name of a spec update of `packageName`: one per package, overwritten. */
export function changesetSlug(packageName: string): string {
  return `spec-${packageName.replace(/^@[^/]+\//, "").replace(/[^a-z0-9-]/gi, "-")}`;
}
