import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packages = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const BUILTINS =
  /^(node:|fs$|fs\/|path$|stream$|stream\/|http$|https$|net$|os$|crypto$|child_process$|url$|util$|zlib$|buffer$)/;

/**
 * Every source file reachable from `entry` through static and dynamic imports, following
 * relative imports and the workspace packages (@clipkit/*) into their sources, with the
 * imports of each that name a Node built-in.
 */
function nodeImportsReachableFrom(entry: string): { files: string[]; offenders: string[] } {
  const seen = new Set<string>();
  const offenders: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    const specifiers = [
      ...text.matchAll(/(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']/g),
      ...text.matchAll(/import\s*\(\s*["']([^"']+)["']\s*\)/g),
      ...text.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ].map((m) => m[1] as string);
    for (const specifier of specifiers) {
      if (BUILTINS.test(specifier))
        offenders.push(`${file.slice(packages.length + 1)}: ${specifier}`);
      else if (specifier.startsWith(".")) {
        const base = join(dirname(file), specifier).replace(/\.js$/, "");
        queue.push(existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.d.ts`);
      } else if (specifier.startsWith("@clipkit/")) {
        const name = specifier.slice("@clipkit/".length).split("/")[0] as string;
        queue.push(join(packages, name, "src/index.ts"));
      }
    }
  }
  return { files: [...seen], offenders };
}

describe("the main entry is runtime-neutral", () => {
  it("no file reachable from src/index.ts (workspace dependencies included) imports a Node built-in", () => {
    const { files, offenders } = nodeImportsReachableFrom(
      join(packages, "zoom-clips/src/index.ts"),
    );
    expect(files.some((f) => f.endsWith("uploads/upload-clip.ts"))).toBe(true);
    expect(files.some((f) => f.endsWith("zoom-shared/src/redirects.ts"))).toBe(true);
    expect(offenders).toEqual([]);
  });

  it("the file-system code is behind @clipkit/zoom-clips/node (the walk does find it there)", () => {
    const { offenders } = nodeImportsReachableFrom(join(packages, "zoom-clips/src/node/index.ts"));
    expect(offenders.some((o) => o.includes("node:fs"))).toBe(true);
  });
});
