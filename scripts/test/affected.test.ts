import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { affectedApiPackages, vitestProject } from "../lib/affected.ts";
import { testTempDir } from "./helpers/temp-dir.ts";

function repoWith(apis: string[]): string {
  const root = testTempDir("affected");
  mkdirSync(join(root, "specs"));
  for (const api of apis) {
    const dir = join(root, "packages", api);
    mkdirSync(join(dir, "src", "generated"), { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: `@clipkit/${api}`, clipkit: { spec: api } }),
    );
    writeFileSync(join(dir, "src", "generated", "schema.d.ts"), "export {};\n");
    writeFileSync(
      join(dir, "vitest.config.ts"),
      `export default { test: { name: "${api}-tests" } };\n`,
    );
    writeFileSync(join(root, "specs", `${api}.yaml`), "openapi: 3.1.0\n");
  }
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root });
  git("init", "-q");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base");
  return root;
}

const names = (root: string, ref = "HEAD") => affectedApiPackages(ref, root).map((p) => p.name);

describe("affectedApiPackages", () => {
  it.each([
    { given: "nothing changed", edit: () => {}, want: [] },
    {
      given: "a spec edited",
      edit: (root: string) => appendFileSync(join(root, "specs", "b.yaml"), "# x\n"),
      want: ["@clipkit/b"],
    },
    {
      given: "a generated file edited",
      edit: (root: string) =>
        appendFileSync(join(root, "packages", "a", "src", "generated", "schema.d.ts"), "//\n"),
      want: ["@clipkit/a"],
    },
    {
      given: "a new untracked generated file",
      edit: (root: string) =>
        writeFileSync(join(root, "packages", "c", "src", "generated", "extra.ts"), ""),
      want: ["@clipkit/c"],
    },
    {
      given: "only hand-written code edited",
      edit: (root: string) => writeFileSync(join(root, "packages", "a", "src", "client.ts"), ""),
      want: [],
    },
  ])("$given → $want", ({ edit, want }) => {
    const root = repoWith(["a", "b", "c"]);
    edit(root);
    expect(names(root)).toEqual(want);
  });

  it("reads the vitest project name from the package's vitest.config.ts", () => {
    const root = repoWith(["a"]);
    appendFileSync(join(root, "specs", "a.yaml"), "# x\n");
    const [pkg] = affectedApiPackages("HEAD", root);
    if (!pkg) throw new Error("expected package a to be affected");
    expect(vitestProject(pkg)).toBe("a-tests");
  });
});
