import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface ApiPackage {
  /** npm name, e.g. `@clipkit/zoom-clips` */
  name: string;
  /** absolute path of the package folder */
  dir: string;
  /** absolute path of the OpenAPI spec the package is generated from */
  spec: string;
  /** absolute path of the generated types file */
  output: string;
  /** absolute path of the generated request limits (`requestSchemas`) */
  limits: string;
}

/** Every workspace package that declares `clipkit.spec` in its package.json. */
export function apiPackages(root = repoRoot): ApiPackage[] {
  const packagesDir = join(root, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(packagesDir, entry.name);
      let manifest: { name: string; clipkit?: { spec?: string } };
      try {
        manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      } catch {
        return [];
      }
      const spec = manifest.clipkit?.spec;
      if (!spec) return [];
      return [
        {
          name: manifest.name,
          dir,
          spec: join(root, "specs", `${spec}.yaml`),
          output: join(dir, "src", "generated", "schema.d.ts"),
          limits: join(dir, "src", "generated", "limits.ts"),
        },
      ];
    });
}

export interface PublicPackage {
  name: string;
  version: string;
  /** absolute path of the package folder */
  dir: string;
  /** subpaths of its `exports` that are code entry points (".", "./node"), not package.json */
  entryPoints: string[];
}

/** Every workspace package that is published (not `private`). */
export function publicPackages(root = repoRoot): PublicPackage[] {
  return readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(root, "packages", entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (manifest.private) return [];
      const entryPoints = Object.keys(manifest.exports ?? {}).filter((k) => !k.endsWith(".json"));
      return [{ name: manifest.name, version: manifest.version, dir, entryPoints }];
    });
}
