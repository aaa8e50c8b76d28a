// The release flow in a sandbox copy: a spec edit → `pnpm spec:changeset` → `changeset version`
// bumps only that package, by the classified level, and writes its CHANGELOG; and
// `pnpm version-packages` leaves the version the code reports equal to package.json's.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { createSandbox } from "../lib/sandbox.ts";
import { planSpecChangesets, staleSpecChangesets } from "../lib/spec-changesets.ts";
import {
  MAJOR_EDIT,
  MAJOR_ENTRY,
  MINOR_EDIT,
  MINOR_ENTRY,
  specSandbox,
} from "./helpers/spec-sandbox.ts";
import { removedAfterTest } from "./helpers/temp-dir.ts";

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
      const root = removedAfterTest(
        createSandbox({
          packages: ["core", "contract-harness", "zoom-cloud-recording"],
          commit: true,
        }),
      );
      const spec = join(root, "specs", "zoom-cloud-recording.yaml");
      const doc = parseDocument(readFileSync(spec, "utf8"));
      edit(doc);
      writeFileSync(spec, doc.toString());

      const plans = planSpecChangesets({ root });
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
    },
    60_000,
  );
});

describe("pnpm version-packages (the documented release step)", () => {
  const published = [
    "core",
    "zoom-shared",
    "zoom-clips",
    "zoom-cloud-recording",
    "uplynk-clipping",
  ];
  const run = (root: string, command: string, args: string[]) =>
    spawnSync(command, args, {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH}` },
    });

  it("bumps every version the code reports, so drift and the version tests stay green", () => {
    const root = removedAfterTest(
      createSandbox({ packages: [...published, "contract-harness"], commit: true }),
    );
    const before = Object.fromEntries(published.map((pkg) => [pkg, version(root, pkg)]));
    writeFileSync(
      join(root, ".changeset", "bump-all.md"),
      `---\n${published.map((pkg) => `"@clipkit/${pkg}": minor`).join("\n")}\n---\n\nA release.\n`,
    );

    // A bare `changeset version` bumps package.json only: drift says what to run.
    const bare = run(root, "changeset", ["version"]);
    expect(bare.status, bare.stderr).toBe(0);
    const stale = run(root, "tsx", ["scripts/check-drift.ts"]);
    expect(stale.status).toBe(1);
    for (const pkg of published) {
      expect(stale.stderr).toContain(`packages/${pkg}/src/version.ts differs from package.json`);
    }

    // The script the README documents: `changeset version` (nothing left to consume) + generate.
    const script = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts[
      "version-packages"
    ];
    const release = run(root, "sh", ["-c", script]);
    expect(release.status, `${release.stdout}\n${release.stderr}`).toBe(0);
    const drift = run(root, "tsx", ["scripts/check-drift.ts"]);
    expect(drift.status, drift.stderr).toBe(0);

    for (const pkg of published) {
      const [major, minor] = (before[pkg] as string).split(".").map(Number) as [number, number];
      const bumped = `${major}.${minor + 1}.0`;
      expect(version(root, pkg)).toBe(bumped);
      const versionTs = readFileSync(join(root, "packages", pkg, "src", "version.ts"), "utf8");
      expect(versionTs).toContain(`export const VERSION = "${bumped}";`);
      // No other source still spells the old version (a hard-coded User-Agent, a vendor).
      const leftovers = run(root, "grep", [
        "-rn",
        "--include=*.ts",
        "--exclude-dir=generated",
        `"${before[pkg]}"`,
        join("packages", pkg, "src"),
      ]);
      expect(leftovers.stdout, `${pkg} still says ${before[pkg]}`).toBe("");
    }

    // Core's own version tests, on the bumped sources.
    const tests = run(root, "vitest", ["run", "--project", "core", "test/version.test.ts"]);
    expect(tests.status, `${tests.stdout}\n${tests.stderr}`).toBe(0);
    expect(tests.stdout).toMatch(/Tests\s+.*passed/);
  }, 120_000);
});

describe("release dry run after a major change committed, then a minor one (issue 25)", () => {
  it("pnpm version-packages bumps zoom-clips 0.x → 1.0.0 and its CHANGELOG lists both", () => {
    // The changesets config names the private harness: it must be there.
    const box = specSandbox(["zoom-clips", "contract-harness"]);
    const from = version(box.root, "zoom-clips");
    expect(from).toMatch(/^0\./);
    box.editSpec(MAJOR_EDIT);
    box.run("scripts/spec-changeset.ts");
    box.commit("remove deleteClipComment, with its changeset");
    box.editSpec(MINOR_EDIT);
    box.run("scripts/spec-changeset.ts");

    const release = box.run("scripts/tasks.ts", "version-packages");
    expect(release.status, `${release.stdout}\n${release.stderr}`).toBe(0);
    expect(version(box.root, "zoom-clips")).toBe("1.0.0");
    const changelog = readFileSync(
      join(box.root, "packages", "zoom-clips", "CHANGELOG.md"),
      "utf8",
    );
    expect(changelog).toMatch(/## 1\.0\.0\n\n### Major Changes\n/);
    expect(changelog).toContain(MAJOR_ENTRY.replace("- ", "  - "));
    expect(changelog).toContain(MINOR_ENTRY.replace("- ", "  - "));
    // Versioned, then committed: nothing is pending any more, so `pnpm drift` stays green.
    expect(staleSpecChangesets(box.root)).toEqual([]);
    box.commit("Version Packages");
    expect(staleSpecChangesets(box.root)).toEqual([]);
  }, 60_000);
});
