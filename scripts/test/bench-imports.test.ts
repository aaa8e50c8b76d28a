import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// A bench measures the packages as users get them: it may use the published test helpers
// (`@clipkit/testing`), never a package's own `test/` folder.

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The relative import specifiers of a module's text (static, re-exports and dynamic). */
function relativeImports(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g);
  return [...found].map((m) => m[1] as string);
}

/** The imports of `file` (in package folder `pkg`) that reach into `pkg/test/`. */
function intoTests(pkg: string, file: string, text: string): string[] {
  const tests = join(pkg, "test") + sep;
  return relativeImports(text).filter((spec) => resolve(dirname(file), spec).startsWith(tests));
}

function benchFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return benchFiles(path);
    return /\.(m?[jt]s|tsx?)$/.test(entry.name) ? [path] : [];
  });
}

describe("benches stand apart from tests", () => {
  it("finds an import into the package's test/ folder, and only that", () => {
    const pkg = join(root, "packages", "x");
    const file = join(pkg, "bench", "b.ts");
    const text = [
      'import { a } from "../test/uploads/fake.js";',
      'export * from "../test/helpers.js";',
      'await import("../test/dyn.js");',
      'import { b } from "../src/index.js";',
      'import { c } from "@clipkit/testing";',
      'import "./sibling.js";',
    ].join("\n");
    expect(intoTests(pkg, file, text)).toEqual([
      "../test/uploads/fake.js",
      "../test/helpers.js",
      "../test/dyn.js",
    ]);
  });

  it("no file under packages/*/bench imports from its package's test/", () => {
    const offences: string[] = [];
    for (const name of readdirSync(join(root, "packages"))) {
      const pkg = join(root, "packages", name);
      let files: string[];
      try {
        files = benchFiles(join(pkg, "bench"));
      } catch {
        continue;
      }
      for (const file of files) {
        for (const spec of intoTests(pkg, file, readFileSync(file, "utf8"))) {
          offences.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
