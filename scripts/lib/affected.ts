import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { changedFiles } from "./git.ts";
import { type ApiPackage, apiPackages, repoRoot } from "./workspace.ts";

/** API packages whose spec or generated files differ from `ref` (working tree, untracked included). */
export function affectedApiPackages(ref: string, root = repoRoot): ApiPackage[] {
  const changed = changedFiles(ref, root);
  return apiPackages(root).filter((pkg) => {
    const spec = relative(root, pkg.spec);
    const generated = `${relative(root, join(pkg.dir, "src", "generated"))}/`;
    return changed.some((file) => file === spec || file.startsWith(generated));
  });
}

/** The vitest project name of a package: `test.name` in its vitest.config.ts, else its folder. */
export function vitestProject(pkg: ApiPackage): string | undefined {
  const config = join(pkg.dir, "vitest.config.ts");
  if (!existsSync(config)) return undefined;
  const name = /\bname:\s*["']([^"']+)["']/.exec(readFileSync(config, "utf8"))?.[1];
  return name ?? basename(pkg.dir);
}
