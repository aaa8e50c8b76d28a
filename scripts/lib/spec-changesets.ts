// What `pnpm spec:changeset` writes and what `pnpm drift` checks: for each API package whose
// spec differs from its last release (see spec-baseline.ts), .changeset/spec-<api>.md with every
// API change since then and the bump they call for, never below a bump already pending.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { changesetSlug, renderChangeset } from "./changeset.ts";
import { isGitRepository, resolveCommit, showAt } from "./git.ts";
import { pendingBumps } from "./pending-changesets.ts";
import { specBaseline } from "./spec-baseline.ts";
import { type Bump, diffSpecs, highestBump, maxBump, type SpecChange } from "./spec-diff.ts";
import { apiPackages, repoRoot } from "./workspace.ts";

export interface SpecChangeset {
  packageName: string;
  /** the spec, relative to the repository */
  spec: string;
  /** true when the package is a new API: no earlier spec to compare with */
  introduces: boolean;
  /** what the spec was compared with, as the changeset says it */
  since: string;
  bump: Bump;
  changes: SpecChange[];
  /** absolute path of the changeset file to write */
  file: string;
  markdown: string;
}

/** Bad input: the message is one line that names the file or ref at fault. */
export class SpecChangesetError extends Error {}

/** The steps after a spec change, as README, `regen` and `spec:changeset --help` give them. */
export const SPEC_CHANGE_STEPS = `1. edit specs/<api>.yaml
2. pnpm regen            lint, regenerate, build, typecheck, test the affected APIs
3. pnpm spec:changeset   write .changeset/spec-<api>.md: every API change since the last release
4. commit the spec, the generated files and the changeset (steps 3 and 4 in either order:
   a rerun after a commit writes the same file)`;

/**
 * One changeset per API package whose spec differs from its baseline. With `base`, every spec
 * is compared with that git ref instead (a preview: such a plan is printed, never written).
 */
export function planSpecChangesets(
  options: { base?: string; root?: string } = {},
): SpecChangeset[] {
  const root = options.root ?? repoRoot;
  const packages = apiPackages(root);
  const base = options.base === undefined ? undefined : checkBase(options.base, packages, root);
  const pending = readPending(root);
  return packages.flatMap((pkg) => {
    const specPath = relative(root, pkg.spec);
    const current = parseSpec(readText(pkg.spec, specPath), specPath);
    const baseline = base
      ? { kind: "release" as const, ref: base, label: `\`${options.base}\`` }
      : specBaseline(pkg, root);
    if (baseline.kind === "versioning") return [];
    const previousText =
      baseline.kind === "release" ? showAt(baseline.ref, specPath, root) : undefined;
    const changes: SpecChange[] =
      previousText === undefined
        ? [{ bump: "minor", message: `New API: ${specPath} (${surface(current)})` }]
        : diffSpecs(parseSpec(previousText, `${specPath} at ${baseline.label}`), current);
    const computed = highestBump(changes);
    if (!computed) return [];
    // Never below a bump already pending (this file's own or another changeset's).
    const bump = (pending.get(pkg.name) ?? []).reduce((high, p) => maxBump(high, p.bump), computed);
    return [
      {
        packageName: pkg.name,
        spec: specPath,
        introduces: previousText === undefined,
        since: baseline.label,
        bump,
        changes,
        file: join(root, ".changeset", `${changesetSlug(pkg.name)}.md`),
        markdown: renderChangeset(pkg.name, bump, changes, baseline.label),
      },
    ];
  });
}

/**
 * One line per spec whose changes since its last release no changeset describes: the
 * spec-<api>.md file is missing or is not what `pnpm spec:changeset` writes now. Outside a git
 * repository (a copy without history) there is no baseline and nothing to check.
 */
export function staleSpecChangesets(root = repoRoot): string[] {
  if (!isGitRepository(root)) return [];
  let plans: SpecChangeset[];
  try {
    plans = planSpecChangesets({ root });
  } catch (error) {
    if (error instanceof SpecChangesetError) return [error.message];
    throw error;
  }
  return plans.flatMap((plan) => {
    const file = relative(root, plan.file);
    const spec = plan.spec;
    if (!existsSync(plan.file)) {
      return plan.introduces
        ? [`${spec} is a new API, and no ${file} introduces ${plan.packageName}`]
        : [`${spec} differs from ${plan.since} (${plan.bump}), and no ${file} describes it`];
    }
    if (readFileSync(plan.file, "utf8") !== plan.markdown) {
      return [`${file} is stale: not what it should say of ${spec} since ${plan.since}`];
    }
    return [];
  });
}

/** What `pnpm regen` prints last: the step that comes next. */
export function nextStepAfterRegen(root = repoRoot): string {
  const stale = staleSpecChangesets(root);
  if (stale.length === 0) return "Next: commit (step 4). Every spec change has its changeset.";
  return [
    ...stale.map((line) => `  changeset: ${line}`),
    "Next: pnpm spec:changeset (step 3), then commit (step 4).",
  ].join("\n");
}

function checkBase(base: string, packages: { name: string }[], root: string): string {
  const tag = /^(@?[^@]+)@\d/.exec(base);
  if (tag && !packages.some((pkg) => pkg.name === tag[1])) {
    throw new SpecChangesetError(`--base ${base}: the tag names no known API package (${tag[1]})`);
  }
  const commit = resolveCommit(base, root);
  if (!commit) throw new SpecChangesetError(`--base ${base}: no such commit, branch or tag`);
  return commit;
}

function readPending(root: string): ReturnType<typeof pendingBumps> {
  try {
    return pendingBumps(root);
  } catch (error) {
    throw new SpecChangesetError((error as Error).message);
  }
}

function readText(file: string, name: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new SpecChangesetError(`${name} cannot be read`);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a spec is walked as plain data.
function parseSpec(text: string, name: string): any {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    const reason = String((error as Error).message)
      .split("\n")[0]
      ?.replace(/:$/, "");
    throw new SpecChangesetError(`${name} does not parse: ${reason}`);
  }
  if (!doc || typeof doc !== "object" || !("openapi" in doc)) {
    throw new SpecChangesetError(`${name} is not an OpenAPI document (no \`openapi\` key)`);
  }
  return doc;
}

/** "3 operations", "3 operations, 2 webhooks" or "2 webhooks": what a new API brings. */
// biome-ignore lint/suspicious/noExplicitAny: a spec is walked as plain data.
function surface(spec: any): string {
  const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
  const count = (items: Record<string, unknown> = {}) =>
    Object.values(items).reduce<number>(
      // biome-ignore lint/suspicious/noExplicitAny: path items are plain data.
      (sum, item: any) => sum + methods.filter((m) => item?.[m]).length,
      0,
    );
  const parts = [
    [count(spec.paths), "operation"],
    [Object.keys(spec.webhooks ?? {}).length, "webhook"],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? "" : "s"}`);
  return said.length > 0 ? said.join(", ") : "no operations";
}
