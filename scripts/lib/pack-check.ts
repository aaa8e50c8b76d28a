// Checks what `npm publish` would ship: every relative import of the packed .js/.d.ts files
// and every `exports` target must be inside the tarball.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

interface PackEntry {
  files: Array<{ path: string }>;
}

/** The files `npm pack` would put in the tarball of the package in `dir`. */
export function packedFiles(dir: string): string[] {
  const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [entry] = JSON.parse(json) as PackEntry[];
  return (entry?.files ?? []).map((file) => file.path);
}

/** The file paths an `exports` map points at: its leaf values, not its subpath keys. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === "string") return [exports];
  if (exports === null || typeof exports !== "object") return [];
  return Object.values(exports).flatMap(exportTargets);
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** One line per import or export target that the tarball would lack. */
export function findPackProblems(dir: string, files = packedFiles(dir)): string[] {
  const shipped = new Set(files);
  const problems: string[] = [];
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  for (const target of exportTargets(manifest.exports).map((t) => normalize(t))) {
    if (target !== "package.json" && !shipped.has(target)) {
      problems.push(`exports points at ${target}, which is not packed`);
    }
  }
  for (const file of files.filter((f) => /\.(d\.ts|js|mjs)$/.test(f))) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const [, specifier] of text.matchAll(IMPORT)) {
      const target = normalize(join(dirname(file), specifier as string));
      const candidates = file.endsWith(".d.ts")
        ? [target, target.replace(/\.js$/, ".d.ts"), `${target}.d.ts`, join(target, "index.d.ts")]
        : [target, `${target}.js`, join(target, "index.js")];
      if (!candidates.some((candidate) => shipped.has(candidate))) {
        problems.push(`${file} imports ${specifier}, which is not packed`);
      }
    }
  }
  return problems;
}
