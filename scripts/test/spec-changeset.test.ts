import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planSpecChangesets } from "../lib/spec-changesets.ts";
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
    expect(planSpecChangesets("HEAD", root)).toEqual([]);
  });

  it("compares with the base ref and renders a major changeset listing the changes", () => {
    const { root, useSpec } = tempRepo();
    useSpec("major-removed-operation");
    const [plan, ...rest] = planSpecChangesets("HEAD", root);
    expect(rest).toEqual([]);
    expect(plan?.since).toBe("HEAD");
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
    const [plan] = planSpecChangesets("HEAD~1", root);
    expect(plan?.since).toBe("@clipkit/clip-store@1.1.0");
    // From 1.1.0: `archived` is gone again (major) and the description changed (patch), in
    // both operations that return a Clip.
    expect(plan?.bump).toBe("major");
    expect(plan?.changes.map((c) => c.bump)).toEqual(["major", "major", "patch", "patch"]);
    expect(plan?.markdown).toContain("removed enum value `archived`");
  });

  it("calls a spec that did not exist at the base a new API (minor)", () => {
    const { root } = tempRepo();
    // HEAD~1 is the empty first commit.
    const [plan] = planSpecChangesets("HEAD~1", root);
    expect(plan?.bump).toBe("minor");
    expect(plan?.changes[0]?.message).toBe("New API: specs/clip-store.yaml (3 operations)");
  });
});
