// The release flow in a sandbox copy: a spec edit → `pnpm spec:changeset` → `changeset version`
// bumps only that package, by the classified level, and writes its CHANGELOG.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { createSandbox } from "../lib/sandbox.ts";
import { planSpecChangesets } from "../lib/spec-changesets.ts";

const version = (root: string, pkg: string) =>
  JSON.parse(readFileSync(join(root, "packages", pkg, "package.json"), "utf8")).version as string;

describe("changeset version after a spec change", () => {
  it.each([
    {
      given: "an edited summary",
      edit: (doc: ReturnType<typeof parseDocument>) =>
        doc.setIn(
          ["paths", "/users/{userId}/recordings", "get", "summary"],
          "List every recording",
        ),
      want: "patch",
      bullet: "- **patch**: GET /users/{userId}/recordings: updated summary",
    },
    {
      given: "a removed query parameter",
      edit: (doc: ReturnType<typeof parseDocument>) =>
        doc.deleteIn(["paths", "/users/{userId}/recordings", "get", "parameters", 1]),
      want: "major",
      bullet: "removed query parameter",
    },
  ])(
    "$given → a $want release of that package only",
    ({ edit, want, bullet }) => {
      const root = createSandbox({
        packages: ["core", "contract-harness", "zoom-cloud-recording"],
        commit: true,
      });
      const spec = join(root, "specs", "zoom-cloud-recording.yaml");
      const doc = parseDocument(readFileSync(spec, "utf8"));
      edit(doc);
      writeFileSync(spec, doc.toString());

      const plans = planSpecChangesets("HEAD", root);
      expect(plans.map((p) => [p.packageName, p.bump])).toEqual([
        ["@clipkit/zoom-cloud-recording", want],
      ]);
      for (const plan of plans) {
        mkdirSync(dirname(plan.file), { recursive: true });
        writeFileSync(plan.file, plan.markdown);
      }

      const before = { core: version(root, "core"), harness: version(root, "contract-harness") };
      const from = version(root, "zoom-cloud-recording");
      execFileSync(join(root, "node_modules", ".bin", "changeset"), ["version"], {
        cwd: root,
        stdio: "pipe",
      });
      const [major, minor, patch] = from.split(".").map(Number) as [number, number, number];
      const expected = {
        major: `${major + 1}.0.0`,
        minor: `${major}.${minor + 1}.0`,
        patch: `${major}.${minor}.${patch + 1}`,
      };
      expect(version(root, "zoom-cloud-recording")).toBe(expected[want as keyof typeof expected]);
      // Independent versions: nothing else moves, the private harness least of all.
      expect(version(root, "core")).toBe(before.core);
      expect(version(root, "contract-harness")).toBe(before.harness);
      const changelog = readFileSync(
        join(root, "packages", "zoom-cloud-recording", "CHANGELOG.md"),
        "utf8",
      );
      expect(changelog).toContain(bullet);
      rmSync(root, { recursive: true, force: true });
    },
    60_000,
  );
});
