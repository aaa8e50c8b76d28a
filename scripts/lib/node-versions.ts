// The Node versions the consumer test runs the packages on besides the one running it: each
// devDependency of tools/node-versions is an alias of npm's `node` package (`node22` →
// `npm:node@22.x`), whose preinstall puts that version's binary in its bin/ at install time.
// They live in a package of their own because a dependency with a `node` bin would shadow the
// workspace's Node in node_modules/.bin, and pnpm's shims run every tool with that one.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./workspace.ts";

export interface NodeBinary {
  /** The alias, e.g. `node22`. */
  name: string;
  /** The major version the alias names. */
  major: number;
  path: string;
}

export function installedNodeBinaries(root = repoRoot): NodeBinary[] {
  const dir = join(root, "tools", "node-versions");
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    devDependencies?: Record<string, string>;
  };
  return Object.keys(manifest.devDependencies ?? {})
    .sort()
    .map((name) => {
      const major = Number(/^node(\d+)$/.exec(name)?.[1]);
      if (!Number.isInteger(major))
        throw new Error(`tools/node-versions: ${name} is not node<major>`);
      const path = join(dir, "node_modules", name, "bin", "node");
      if (!existsSync(path)) {
        throw new Error(
          `no Node binary at ${path}: run pnpm install (the node package fetches it)`,
        );
      }
      return { name, major, path };
    });
}
