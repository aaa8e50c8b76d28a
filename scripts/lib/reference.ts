// The entry points of the typed API reference (TypeDoc): every code subpath of every published
// package, as its source file and as the built file the package serves.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { publicPackages, repoRoot } from "./workspace.ts";

export interface ReferenceEntry {
  /** `@clipkit/zoom-clips/node` */
  specifier: string;
  /** the source, relative to the repository: `packages/zoom-clips/src/node/index.ts` */
  source: string;
  /** the built module, absolute */
  built: string;
  /** TypeDoc's module page: `modules/zoom-clips_src_node.html` */
  page: string;
}

/** The built module a subpath serves (its `exports` entry's `default`), e.g. `./dist/internal.js`. */
function servedFile(dir: string, subpath: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const target = manifest.exports?.[subpath];
  const file = typeof target === "string" ? target : target?.default;
  if (typeof file !== "string") throw new Error(`${dir}: exports["${subpath}"] names no file`);
  return file;
}

export function referenceEntryPoints(root = repoRoot): ReferenceEntry[] {
  return publicPackages(root).flatMap((pkg) =>
    pkg.entryPoints.map((subpath) => {
      const folder = pkg.dir.slice(join(root, "packages").length + 1);
      const inner = subpath === "." ? "" : `/${subpath.slice(2)}`;
      // The source beside what the subpath serves: `./dist/node/index.js` → `src/node/index.ts`,
      // `./dist/internal.js` → `src/internal.ts`.
      const served = servedFile(pkg.dir, subpath).replace(/^\.\//, "");
      const source = served.replace(/^dist\//, "src/").replace(/\.js$/, ".ts");
      // TypeDoc names a module page after its path without the extension and a final `index`.
      const module = `${folder}/${source}`.replace(/\.ts$/, "").replace(/\/index$/, "");
      return {
        specifier: `${pkg.name}${inner}`,
        source: `packages/${folder}/${source}`,
        built: join(pkg.dir, served),
        page: `modules/${module.replaceAll("/", "_")}.html`,
      };
    }),
  );
}
