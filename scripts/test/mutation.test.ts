import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  mutatedPackages,
  reportDir,
  scoresOf,
  scoreTable,
  sourcePackages,
  strykerConfig,
} from "../lib/mutation.ts";
import { repoRoot } from "../lib/workspace.ts";
import { mutationSkipped, mutationThresholds } from "../mutation.config.ts";

/** Tiny glob matcher for the patterns Stryker gets (`**`, `*`, leading `!` = exclude). */
function mutated(patterns: string[], file: string): boolean {
  const toRegExp = (glob: string) =>
    new RegExp(
      `^${glob
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*\*\//g, "§")
        .replace(/\*\*/g, "¤")
        .replace(/\*/g, "[^/]*")
        .replace(/§/g, "(?:.*/)?")
        .replace(/¤/g, ".*")}$`,
    );
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (toRegExp(pattern.slice(1)).test(file)) included = false;
    } else if (toRegExp(pattern).test(file)) included = true;
  }
  return included;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

describe("pnpm mutation configuration", () => {
  it("holds a threshold between 0 and 100 for every package with source, or a reason to skip it", () => {
    const packages = mutatedPackages();
    expect(packages).toContain("core");
    expect(Object.keys(mutationThresholds).sort()).toEqual(packages);
    expect([...packages, ...Object.keys(mutationSkipped)].sort()).toEqual(sourcePackages());
    for (const reason of Object.values(mutationSkipped)) expect(reason.length).toBeGreaterThan(20);
    for (const threshold of Object.values(mutationThresholds)) {
      expect(threshold).toBeGreaterThan(0);
      expect(threshold).toBeLessThanOrEqual(100);
    }
    expect(mutationThresholds.core).toBeGreaterThanOrEqual(90);
    expect(mutationThresholds["zoom-shared"]).toBeGreaterThanOrEqual(90);
  });

  it("mutates hand-written source and never generated files", () => {
    let generated = 0;
    for (const pkg of mutatedPackages()) {
      const { mutate } = strykerConfig(pkg);
      const dir = join(repoRoot, "packages", pkg);
      for (const file of sourceFiles(dir).filter((f) => f.startsWith("src/"))) {
        const isGenerated = file.startsWith("src/generated/") || file.endsWith(".d.ts");
        if (isGenerated) generated++;
        expect(mutated(mutate, file), `${pkg}/${file}`).toBe(!isGenerated && file.endsWith(".ts"));
      }
      expect(mutated(mutate, "test/some.test.ts")).toBe(false);
    }
    expect(generated).toBeGreaterThan(0);
  });

  it("breaks the run below the package's threshold only when asked (--ci)", () => {
    expect(strykerConfig("core").thresholds.break).toBeNull();
    expect(strykerConfig("core", { breakAt: mutationThresholds.core }).thresholds.break).toBe(
      mutationThresholds.core,
    );
  });

  it("writes HTML and JSON reports and incremental state under the gitignored reports folder", () => {
    const config = strykerConfig("zoom-shared", { incremental: true });
    const dir = reportDir("zoom-shared");
    expect(relative(repoRoot, dir)).toBe("reports/mutation/zoom-shared");
    expect(config.htmlReporter.fileName).toBe(join(dir, "index.html"));
    expect(config.jsonReporter.fileName).toBe(join(dir, "mutation.json"));
    expect(config.incremental).toBe(true);
    expect(config.incrementalFile).toBe(join(dir, "incremental.json"));
    expect(config.reporters).toEqual(expect.arrayContaining(["html", "json"]));
  });

  it("scores files as killed + timed out over every covered or uncovered mutant", () => {
    const scores = scoresOf({
      files: {
        "src/b.ts": {
          mutants: [
            { status: "Killed" },
            { status: "Timeout" },
            { status: "Survived" },
            { status: "NoCoverage" },
            { status: "CompileError" },
            { status: "Ignored" },
          ],
        },
        "src/a.ts": { mutants: [{ status: "Killed" }] },
      },
    });
    expect(scores.files.map((f) => [f.file, f.score])).toEqual([
      ["src/a.ts", 100],
      ["src/b.ts", 50],
    ]);
    expect(scores.total).toMatchObject({ killed: 3, survived: 1, noCoverage: 1, score: 60 });
    const table = scoreTable(scores).split("\n");
    expect(table[2]).toBe("| src/b.ts | 50.0 | 2 | 1 | 1 |");
    expect(table.at(-1)).toBe("| all files | 60.0 | 3 | 1 | 1 |");
  });
});
