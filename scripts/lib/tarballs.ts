// Packs the public workspace packages the way `pnpm publish` would (workspace:^ ranges become
// real versions), for the checks that need the real tarballs: publint, attw, the consumer test.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./workspace.ts";

const run = promisify(execFile);

/**
 * The pnpm that runs us (`pnpm run` sets npm_execpath), else the one the README pins: never a
 * global one, which may differ or be missing.
 */
export function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) return [process.execPath, [execPath]];
  const pinned = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).packageManager;
  return ["npx", ["-y", pinned]];
}

export interface Tarball {
  /** absolute path of the .tgz */
  filename: string;
  /** the packed files, relative to the package folder */
  files: string[];
}

/** `pnpm pack` of `dir` into `destination`. */
export async function packWithPnpm(dir: string, destination: string): Promise<Tarball> {
  const [command, prefix] = pnpmCommand();
  const { stdout } = await run(
    command,
    [...prefix, "pack", "--pack-destination", destination, "--json"],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  );
  const packed = JSON.parse(stdout) as { filename: string; files: Array<{ path: string }> };
  return { filename: packed.filename, files: packed.files.map((file) => file.path) };
}

/**
 * `npm pack` of an installed third-party package, so that an install needs no network. Packed
 * from a plain copy: pnpm's store hard-links files with equal content (index.d.ts and
 * index.d.mts), npm would pack them as tar hard links, and npm install drops those.
 */
export async function packInstalled(dir: string, destination: string): Promise<string> {
  const copy = mkdtempSync(join(destination, "copy-"));
  cpSync(realpathSync(dir), copy, { recursive: true });
  const { stdout } = await run("npm", ["pack", copy, "--json", "--ignore-scripts"], {
    cwd: destination,
    maxBuffer: 16 * 1024 * 1024,
  });
  rmSync(copy, { recursive: true, force: true });
  const [entry] = JSON.parse(stdout) as Array<{ filename: string }>;
  return join(destination, entry?.filename ?? "");
}
