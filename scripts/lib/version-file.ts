// Each published package's name and version, as code: src/version.ts is written from
// package.json by `pnpm generate` (so `changeset version` + generate is the whole bump) and
// checked by `pnpm drift`, like the generated types. A file, not a JSON import: it works the
// same in tsc builds, bundlers and vitest on sources, and bundles only two strings.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type PublicPackage, publicPackages, repoRoot } from "./workspace.ts";

export const versionFile = (dir: string) => join(dir, "src", "version.ts");

/** The text of src/version.ts for a package. */
export function renderVersionFile(name: string, version: string): string {
  return `// Generated from package.json by \`pnpm generate\` (scripts/lib/version-file.ts); do not edit.

/** This package's npm name. */
export const PACKAGE_NAME = ${JSON.stringify(name)};
/** This package's version (sent in the User-Agent). */
export const VERSION = ${JSON.stringify(version)};
`;
}

/** Writes src/version.ts of `pkg` from its package.json; returns the file's path. */
export function writeVersionFile(pkg: Pick<PublicPackage, "name" | "version" | "dir">): string {
  const file = versionFile(pkg.dir);
  writeFileSync(file, renderVersionFile(pkg.name, pkg.version));
  return file;
}

/** One line per published package whose src/version.ts does not say its package.json's version. */
export function findVersionDrift(packages = publicPackages(), root = repoRoot): string[] {
  return packages.flatMap((pkg) => {
    const file = versionFile(pkg.dir);
    const shown = relative(root, file);
    if (!existsSync(file)) return [`${shown} is missing (${pkg.name})`];
    if (readFileSync(file, "utf8") === renderVersionFile(pkg.name, pkg.version)) return [];
    return [`${shown} differs from package.json (${pkg.name}@${pkg.version})`];
  });
}
