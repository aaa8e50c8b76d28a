import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  nextStepAfterRegen,
  planSpecChangesets,
  SPEC_CHANGE_STEPS,
  staleSpecChangesets,
} from "../lib/spec-changesets.ts";
import { repoRoot } from "../lib/workspace.ts";
import {
  MAJOR_EDIT,
  MAJOR_ENTRY,
  MINOR_EDIT,
  MINOR_ENTRY,
  specSandbox,
} from "./helpers/spec-sandbox.ts";
import { testTempDir } from "./helpers/temp-dir.ts";

const fixture = (name: string) => new URL(`./fixtures/spec-diff/${name}.yaml`, import.meta.url);

/** A throwaway git repository with one API package whose spec is fixtures/spec-diff/base.yaml. */
function tempRepo(): {
  root: string;
  git: (...args: string[]) => string;
  useSpec: (name: string) => void;
} {
  const root = testTempDir("changeset");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" });
  mkdirSync(join(root, "packages", "clip-store"), { recursive: true });
  mkdirSync(join(root, "specs"));
  writeFileSync(
    join(root, "packages", "clip-store", "package.json"),
    JSON.stringify({
      name: "@clipkit/clip-store",
      version: "1.0.0",
      clipkit: { spec: "clip-store" },
    }),
  );
  const useSpec = (name: string) =>
    copyFileSync(fixture(name), join(root, "specs", "clip-store.yaml"));
  useSpec("base");
  git("init", "-q");
  git(
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@example.com",
    "commit",
    "-qm",
    "one",
    "--allow-empty",
  );
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base");
  return { root, git, useSpec };
}

describe("planSpecChangesets", () => {
  it("writes nothing when the spec did not change", () => {
    const { root } = tempRepo();
    expect(planSpecChangesets({ root })).toEqual([]);
  });

  it("compares with the package's last version and renders a major changeset", () => {
    const { root, git, useSpec } = tempRepo();
    useSpec("major-removed-operation");
    const [plan, ...rest] = planSpecChangesets({ root });
    expect(rest).toEqual([]);
    const commit = git("rev-parse", "HEAD").slice(0, 7);
    expect(plan?.since).toBe(`version 1.0.0 (commit \`${commit}\`)`);
    expect(plan?.file).toBe(join(root, ".changeset", "spec-clip-store.md"));
    expect(plan?.markdown).toMatch(/^---\n"@clipkit\/clip-store": major\n---\n/);
    expect(plan?.markdown).toContain(
      "- **major**: Removed operation DELETE /clips/{clipId} (`deleteClip`)",
    );
  });

  it("prefers the newest release tag over the base ref", () => {
    const { root, git, useSpec } = tempRepo();
    git("tag", "@clipkit/clip-store@1.0.0");
    // Released a widened enum as 1.1.0, then changed only a description since.
    useSpec("minor-widened-enum");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "enum");
    git("tag", "@clipkit/clip-store@1.1.0");
    useSpec("patch-description");
    const [plan] = planSpecChangesets({ root });
    expect(plan?.since).toBe("`@clipkit/clip-store@1.1.0`");
    // From 1.1.0: `archived` is gone again (major) and the description changed (patch), in
    // both operations that return a Clip.
    expect(plan?.bump).toBe("major");
    expect(plan?.changes.map((c) => c.bump)).toEqual(["major", "major", "patch", "patch"]);
    expect(plan?.markdown).toContain("removed enum value `archived`");
  });

  it("calls a spec that did not exist at --base a new API (minor)", () => {
    const { root } = tempRepo();
    // HEAD~1 is the empty first commit.
    const [plan] = planSpecChangesets({ base: "HEAD~1", root });
    expect(plan?.bump).toBe("minor");
    expect(plan?.changes[0]?.message).toBe("New API: specs/clip-store.yaml (3 operations)");
  });

  it("counts the webhooks a new API brings", () => {
    const { root } = tempRepo();
    const spec = join(root, "specs", "clip-store.yaml");
    const event = { post: { responses: { "200": { description: "Received" } } } };
    writeFileSync(
      spec,
      JSON.stringify({
        openapi: "3.1.0",
        webhooks: { "clip.started": event, "clip.completed": event },
      }),
    );
    const [plan] = planSpecChangesets({ base: "HEAD~1", root });
    expect(plan?.changes[0]?.message).toBe("New API: specs/clip-store.yaml (2 webhooks)");
  });
});

// Issue 25: each scenario failed on the code before it (baseline HEAD, file overwritten).
describe("spec:changeset in a sandbox copy of the repository", () => {
  it("(a) a major change committed, then a minor one: one file, major, both entries", () => {
    const box = specSandbox();
    box.editSpec(MAJOR_EDIT);
    expect(box.run("scripts/spec-changeset.ts").status).toBe(0);
    box.commit("remove deleteClipComment, with its changeset");
    box.editSpec(MINOR_EDIT);
    const rerun = box.run("scripts/spec-changeset.ts");
    expect(rerun.status, rerun.stderr).toBe(0);
    const text = box.changeset();
    expect(text).toMatch(/^---\n"@clipkit\/zoom-clips": major\n---\n/);
    expect(text).toContain(MAJOR_ENTRY);
    expect(text).toContain(MINOR_ENTRY);
    expect(readdirSync(join(box.root, ".changeset")).sort()).toEqual([
      "config.json",
      "spec-zoom-clips.md",
    ]);
  });

  it("(b) the spec committed first, then spec:changeset: the file is written", () => {
    const box = specSandbox();
    box.editSpec(MINOR_EDIT);
    box.commit("sort_order");
    const result = box.run("scripts/spec-changeset.ts");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("wrote .changeset/spec-zoom-clips.md");
    expect(box.changeset()).toMatch(/^---\n"@clipkit\/zoom-clips": minor\n---\n/);
    expect(box.changeset()).toContain(MINOR_ENTRY);
  });

  it("(c) a rerun with nothing new writes the same bytes, from scratch or on a branch too", () => {
    const box = specSandbox();
    box.editSpec(MAJOR_EDIT);
    box.run("scripts/spec-changeset.ts");
    box.commit("major, with its changeset");
    box.editSpec(MINOR_EDIT);
    box.git("commit", "-qam", "minor, spec only");
    box.run("scripts/spec-changeset.ts");
    const first = box.changeset();
    expect(first).toContain(MAJOR_ENTRY);
    const rerun = box.run("scripts/spec-changeset.ts");
    expect(rerun.stdout).toContain(".changeset/spec-zoom-clips.md is up to date");
    expect(box.changeset()).toBe(first);
    // The file depends on the history only, not on when the command ran.
    unlinkSync(join(box.root, ".changeset", "spec-zoom-clips.md"));
    box.run("scripts/spec-changeset.ts");
    expect(box.changeset()).toBe(first);
    // On a branch, with the file committed there: still the same bytes.
    box.git("checkout", "-qb", "feature");
    box.commit("the changeset, on a branch");
    box.run("scripts/spec-changeset.ts");
    expect(box.changeset()).toBe(first);
  });

  it("(d) after a release tag, only the changes since the tag", () => {
    const box = specSandbox();
    box.editSpec(MAJOR_EDIT);
    box.commit("major");
    box.git("tag", "@clipkit/zoom-clips@0.1.0");
    box.editSpec(MINOR_EDIT);
    box.commit("minor");
    box.run("scripts/spec-changeset.ts");
    const text = box.changeset();
    expect(text).toMatch(/^---\n"@clipkit\/zoom-clips": minor\n---\n/);
    expect(text).toContain("(compared with `@clipkit/zoom-clips@0.1.0`)");
    expect(text).toContain(MINOR_ENTRY);
    expect(text).not.toContain("deleteClipComment");
  });

  it("(d) after a version committed but not yet published and tagged, only changes since it", () => {
    const box = specSandbox();
    box.editSpec(MAJOR_EDIT);
    box.commit("major");
    // What `pnpm version-packages` + commit leaves: a new version, no changeset, no tag yet.
    const manifest = join(box.root, "packages", "zoom-clips", "package.json");
    box.git("tag", "@clipkit/zoom-clips@0.1.0", "HEAD~1");
    execFileSync("sed", ["-i", 's/"version": "0.1.0"/"version": "1.0.0"/', manifest]);
    box.commit("Version Packages");
    box.editSpec(MINOR_EDIT);
    box.commit("minor");
    box.run("scripts/spec-changeset.ts");
    const text = box.changeset();
    expect(text).toMatch(/^---\n"@clipkit\/zoom-clips": minor\n---\n/);
    expect(text).toMatch(/compared with version 1\.0\.0 \(commit `[0-9a-f]{7}`\)/);
    expect(text).not.toContain("deleteClipComment");
  });

  it("(e) a new API, committed before its first changeset, gets one that introduces it", () => {
    const box = specSandbox();
    const dir = join(box.root, "packages", "clip-shelf");
    mkdirSync(dir);
    // As `pnpm new-api` writes it: version 0.0.0, never released.
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "@clipkit/clip-shelf",
        version: "0.0.0",
        clipkit: { spec: "clip-shelf" },
      }),
    );
    copyFileSync(fixture("base"), join(box.root, "specs", "clip-shelf.yaml"));
    box.commit("clip-shelf API");
    expect(staleSpecChangesets(box.root)).toEqual([
      "specs/clip-shelf.yaml is a new API, and no .changeset/spec-clip-shelf.md introduces @clipkit/clip-shelf",
    ]);
    const result = box.run("scripts/spec-changeset.ts");
    expect(result.status, result.stderr).toBe(0);
    expect(box.changeset("spec-clip-shelf.md")).toMatch(
      /^---\n"@clipkit\/clip-shelf": minor\n---\n[\s\S]*- \*\*minor\*\*: New API: specs\/clip-shelf.yaml \(3 operations\)\n$/,
    );
    expect(staleSpecChangesets(box.root)).toEqual([]);
  });

  it("never writes a lower bump than one pending, and leaves a hand-written changeset alone", () => {
    const box = specSandbox();
    const own = '---\n"@clipkit/zoom-clips": major\n---\n\nComments can no longer be deleted.\n';
    writeFileSync(join(box.root, ".changeset", "no-comment-deletion.md"), own);
    box.editSpec(MINOR_EDIT);
    box.run("scripts/spec-changeset.ts");
    expect(box.changeset()).toMatch(/^---\n"@clipkit\/zoom-clips": major\n---\n/);
    expect(box.changeset()).toContain(MINOR_ENTRY);
    expect(box.changeset("no-comment-deletion.md")).toBe(own);
  });

  it("pnpm drift fails on a spec change no changeset describes, naming the command", () => {
    const box = specSandbox();
    box.editSpec(MINOR_EDIT);
    box.commit("sort_order, no changeset");
    const drift = box.run("scripts/check-drift.ts");
    expect(drift.status).toBe(1);
    expect(drift.stderr).toMatch(
      /changeset: specs\/zoom-clips.yaml differs from version 0.1.0 \(commit `[0-9a-f]{7}`\) \(minor\), and no .changeset\/spec-zoom-clips.md describes it/,
    );
    expect(drift.stderr).toContain("Run `pnpm spec:changeset`");
    expect(nextStepAfterRegen(box.root)).toMatch(/\nNext: pnpm spec:changeset \(step 3\)/);
    box.run("scripts/spec-changeset.ts");
    expect(staleSpecChangesets(box.root)).toEqual([]);
    expect(nextStepAfterRegen(box.root)).toMatch(/^Next: commit \(step 4\)/);
    // A later spec edit makes the file stale until the command runs again.
    box.editSpec(MAJOR_EDIT);
    expect(staleSpecChangesets(box.root)).toEqual([
      expect.stringContaining(".changeset/spec-zoom-clips.md is stale"),
    ]);
  });

  it.each([
    {
      given: "a --base that names nothing",
      args: ["--base", "no-such-branch"],
      error:
        "spec:changeset: --base no-such-branch: no such commit, branch or tag; no changeset written.",
    },
    {
      given: "a tag naming no known package",
      args: ["--base", "@clipkit/zoom-clip@1.0.0"],
      error:
        "spec:changeset: --base @clipkit/zoom-clip@1.0.0: the tag names no known API package (@clipkit/zoom-clip); no changeset written.",
    },
    {
      given: "a spec that does not parse",
      args: [],
      broken: "openapi: 3.1.0\npaths: [\n",
      error:
        /^spec:changeset: specs\/zoom-clips.yaml does not parse: .+ at line 3, column 1; no changeset written\.$/,
    },
    {
      given: "a pending changeset whose frontmatter does not parse",
      args: [],
      pending: '---\n"@clipkit/zoom-clips: major\n---\n\nOops.\n',
      error:
        "spec:changeset: .changeset/oops.md: its frontmatter does not parse; no changeset written.",
    },
  ])("$given: exit 1, one line naming it, no changeset written", (scenario) => {
    const { args, broken, pending, error } = scenario;
    const box = specSandbox();
    box.editSpec(MINOR_EDIT);
    if (broken) writeFileSync(join(box.root, "specs", "zoom-clips.yaml"), broken);
    if (pending) writeFileSync(join(box.root, ".changeset", "oops.md"), pending);
    const result = box.run("scripts/spec-changeset.ts", ...args);
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(error);
    expect(readdirSync(join(box.root, ".changeset")).filter((f) => f.startsWith("spec-"))).toEqual(
      [],
    );
  });
});

describe("the steps after a spec change", () => {
  it("are the same in the README, `regen --help` and `spec:changeset --help`", () => {
    const help = (script: string) =>
      execFileSync(join(repoRoot, "node_modules", ".bin", "tsx"), [script, "--help"], {
        cwd: repoRoot,
        encoding: "utf8",
      });
    expect(readFileSync(join(repoRoot, "README.md"), "utf8")).toContain(
      `\`\`\`text\n${SPEC_CHANGE_STEPS}\n\`\`\``,
    );
    expect(help("scripts/regen.ts")).toContain(SPEC_CHANGE_STEPS);
    expect(help("scripts/spec-changeset.ts")).toContain(SPEC_CHANGE_STEPS);
  });
});
