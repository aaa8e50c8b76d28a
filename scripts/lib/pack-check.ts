// Checks what `npm publish` would ship: every relative import of the packed .js/.d.ts files,
// every `exports` target and every source a source map names must be inside the tarball; each
// entry point must load through `require()` too; no file ships twice.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
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

/**
 * Conditions an entry point needs: `types` first (TypeScript takes the first match), and
 * `default`, which both `import` and `require()` (Node ≥ 20.19 loads ESM synchronously) reach.
 */
function conditionProblems(exports: unknown): string[] {
  if (exports === null || typeof exports !== "object") return [];
  return Object.entries(exports).flatMap(([subpath, target]) => {
    if (typeof target !== "object" || target === null) return [];
    const conditions = Object.keys(target);
    const problems: string[] = [];
    if (conditions[0] !== "types") {
      problems.push(`exports["${subpath}"] must list "types" first`);
    }
    if (!conditions.includes("default")) {
      problems.push(
        `exports["${subpath}"] has no "default" condition, so require() cannot load it`,
      );
    }
    return problems;
  });
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** One line per import, export target or map source that the tarball would lack. */
export function findPackProblems(dir: string, files = packedFiles(dir)): string[] {
  const shipped = new Set(files);
  const problems: string[] = [];
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  problems.push(...conditionProblems(manifest.exports));
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
  for (const file of files.filter((f) => f.endsWith(".map"))) {
    const map = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      sources?: string[];
      sourceRoot?: string;
    };
    for (const source of map.sources ?? []) {
      const target = normalize(join(dirname(file), map.sourceRoot ?? "", source));
      if (!shipped.has(target)) problems.push(`${file} maps to ${source}, which is not packed`);
    }
  }
  problems.push(...duplicates(dir, files));
  return problems;
}

/** Files packed twice under two names (e.g. generated types both in src/ and in dist/). */
function duplicates(dir: string, files: string[]): string[] {
  const byHash = new Map<string, string>();
  const problems: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    if (bytes.length < 64) continue; // an empty barrel may legitimately repeat
    const hash = createHash("sha256").update(bytes).digest("hex");
    const first = byHash.get(hash);
    if (first) problems.push(`${file} is a copy of ${first}`);
    else byHash.set(hash, file);
  }
  return problems;
}

/**
 * What a user meets on npm before installing: where the code lives, where to report a bug,
 * words to find it by, and a README that shows the install command.
 */
export function findManifestProblems(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const problems: string[] = [];
  if (typeof manifest.repository?.url !== "string") problems.push("no repository.url");
  if (typeof manifest.repository?.directory !== "string") problems.push("no repository.directory");
  if (typeof manifest.homepage !== "string") problems.push("no homepage");
  if (typeof manifest.bugs?.url !== "string") problems.push("no bugs.url");
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) {
    problems.push("no keywords");
  }
  const readme = join(dir, "README.md");
  const install = `npm install ${manifest.name}`;
  if (!existsSync(readme) || !readFileSync(readme, "utf8").includes(install)) {
    problems.push(`README.md does not show \`${install}\``);
  }
  return problems;
}
