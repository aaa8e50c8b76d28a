import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { renderTypes } from "./generator.ts";
import { apiPackages, repoRoot } from "./workspace.ts";

/** One line per generated file that does not match what its spec generates now. */
export async function findDrift(packages = apiPackages()): Promise<string[]> {
  const problems: string[] = [];
  for (const pkg of packages) {
    const file = relative(repoRoot, pkg.output);
    const expected = await renderTypes(pkg.spec);
    if (!existsSync(pkg.output)) {
      problems.push(`${file} is missing (${pkg.name})`);
    } else if (readFileSync(pkg.output, "utf8") !== expected) {
      problems.push(
        `${file} differs from what ${relative(repoRoot, pkg.spec)} generates (${pkg.name})`,
      );
    }
  }
  return problems;
}
