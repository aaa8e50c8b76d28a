import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { renderLimits, renderTypes } from "./generator.ts";
import { type ApiPackage, apiPackages, repoRoot } from "./workspace.ts";

/** One line per generated file that does not match what its spec generates now. */
export async function findDrift(packages = apiPackages(), root = repoRoot): Promise<string[]> {
  const problems: string[] = [];
  for (const pkg of packages) {
    if (!existsSync(pkg.spec)) {
      problems.push(
        `${relative(root, pkg.spec)} is missing, but ${pkg.name} declares it as its spec`,
      );
      continue;
    }
    const outputs: [string, string | undefined][] = [
      [pkg.output, await renderTypes(pkg.spec)],
      [pkg.limits, renderLimits(pkg.spec)],
    ];
    for (const [output, expected] of outputs) {
      const file = relative(root, output);
      if (expected === undefined) {
        if (existsSync(output)) {
          problems.push(
            `${file} exists, but ${relative(root, pkg.spec)} has no paths (${pkg.name})`,
          );
        }
      } else if (!existsSync(output)) {
        problems.push(`${file} is missing (${pkg.name})`);
      } else if (readFileSync(output, "utf8") !== expected) {
        problems.push(
          `${file} differs from what ${relative(root, pkg.spec)} generates (${pkg.name})`,
        );
      }
    }
  }
  return problems;
}

/**
 * One line per generated folder left in a package that no longer declares a spec: nothing
 * regenerates it, so it would silently go stale.
 */
export function findOrphans(root = repoRoot, packages: ApiPackage[] = apiPackages(root)): string[] {
  const withSpec = new Set(packages.map((pkg) => pkg.dir));
  const packagesDir = join(root, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDir, entry.name))
    .filter((dir) => !withSpec.has(dir))
    .flatMap((dir) => {
      const generated = join(dir, "src", "generated");
      if (!existsSync(generated) || readdirSync(generated).length === 0) return [];
      const folder = relative(root, generated);
      return [
        `${folder}/ exists, but ${relative(root, dir)}/package.json declares no "clipkit": { "spec": … }`,
      ];
    });
}
