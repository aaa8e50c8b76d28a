// The entry points of the typed API reference (TypeDoc): every code subpath of every published
// package, as its source file and as the built file the package serves.
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

export function referenceEntryPoints(root = repoRoot): ReferenceEntry[] {
  return publicPackages(root).flatMap((pkg) =>
    pkg.entryPoints.map((subpath) => {
      const folder = pkg.dir.slice(join(root, "packages").length + 1);
      const inner = subpath === "." ? "" : `/${subpath.slice(2)}`;
      return {
        specifier: `${pkg.name}${inner}`,
        source: `packages/${folder}/src${inner}/index.ts`,
        built: join(pkg.dir, "dist", inner, "index.js"),
        page: `modules/${`${folder}/src${inner}`.replaceAll("/", "_")}.html`,
      };
    }),
  );
}
