// The repo stands alone: the vendor documents the specs come from are in specs/sources, and
// no test reaches outside the clone for them (a clone without ../shared must pass).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const sources = join(root, "specs/sources");

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name === "dist") return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.(test|spec)\.ts$|global-setup\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe("specs/sources", () => {
  const readme = readFileSync(join(sources, "README.md"), "utf8");
  const documents = readdirSync(sources).filter((name) => name.endsWith(".txt"));

  it("holds the five seed documents, each named in its README", () => {
    expect(documents).toHaveLength(5);
    for (const name of documents) expect(readme).toContain(`\`${name}\``);
  });

  it("no test reads the shared folder beside the clone", () => {
    const files = [...testFiles(join(root, "packages")), ...testFiles(join(root, "scripts"))];
    expect(files.length).toBeGreaterThan(10);
    // Built from parts so that this file does not match itself.
    const outside = new RegExp(["shared", "seeds"].join("/"));
    const offenders = files
      .filter((file) => outside.test(readFileSync(file, "utf8")))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
