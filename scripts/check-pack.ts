// Usage: tsx scripts/check-pack.ts
// Before a release: packs every public workspace package and fails when its tarball would miss
// a file its own code, types or maps refer to, or an `exports` target, ship a file twice, or
// lack what a user reads on npm (repository, install line); then lints the real tarballs
// (`pnpm pack`) with publint --strict and @arethetypeswrong/cli.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { findManifestProblems, findPackProblems } from "./lib/pack-check.ts";
import { bin } from "./lib/run.ts";
import { packWithPnpm, type Tarball } from "./lib/tarballs.ts";
import { publicPackages } from "./lib/workspace.ts";

const run = promisify(execFile);

if (process.argv.includes("--help")) {
  console.log(`Usage: pnpm check:pack   (after pnpm build)

Packs every public package under packages/ with \`pnpm pack\` and checks that each
relative import of the packed .js/.d.ts files, each "exports" target and each source a .map
names is in the tarball; that every entry point has "types" first and a "default" condition
(so require() works on Node >= 20.19); that no file is packed twice; and that package.json has
repository, homepage, bugs and keywords and the README shows \`npm install <name>\`.

Then runs on each tarball:
  publint --strict
  attw --profile node16   (node16 from ESM and from CommonJS, bundler; node10 is not supported)
attw's cjs-resolves-to-esm rule is ignored: it predates require(esm), which Node >= 20.19 (our
engines floor) does without a flag; the consumer test proves require() with a real call.`);
  process.exit(0);
}

let failed = false;
const report = (name: string, problems: string[]) => {
  console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${name}`);
  for (const problem of problems) console.log(`     ${problem}`);
  failed ||= problems.length > 0;
};

const packages = publicPackages();

function hasExports(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    exports?: unknown;
  };
  return manifest.exports !== undefined;
}

const destination = mkdtempSync(join(tmpdir(), "clipkit-check-pack-"));
try {
  // In parallel: each step is a few seconds of mostly waiting on child processes.
  const tarballs = await Promise.all(packages.map((pkg) => packWithPnpm(pkg.dir, destination)));
  packages.forEach((pkg, i) => {
    const { files } = tarballs[i] as Tarball;
    report(pkg.name, [...findManifestProblems(pkg.dir), ...findPackProblems(pkg.dir, files)]);
  });
  const lints = packages.flatMap((pkg, i) => {
    const tarball = (tarballs[i] as Tarball).filename;
    const publint = {
      name: `${pkg.name} (publint)`,
      tool: "publint",
      args: ["run", tarball, "--strict"],
    };
    // A command-line package (`bin`, no `exports`) has no types for anyone to import.
    if (!hasExports(pkg.dir)) return [publint];
    return [
      publint,
      {
        name: `${pkg.name} (attw)`,
        tool: "attw",
        args: [tarball, "--profile", "node16", "--ignore-rules", "cjs-resolves-to-esm"],
      },
    ];
  });
  const results = await Promise.all(
    lints.map(({ tool, args }) =>
      run(bin(tool), args, { env: { ...process.env, NO_COLOR: "1" } }).then(
        () => [],
        (error: { stdout?: string; stderr?: string }) =>
          `${error.stdout ?? ""}${error.stderr ?? ""}`.trim().split("\n"),
      ),
    ),
  );
  for (const [i, lint] of lints.entries()) report(lint.name, results[i] as string[]);
} finally {
  rmSync(destination, { recursive: true, force: true });
}

if (failed) {
  console.error(
    "\nA published package would be broken. Fix its build, `files` or `exports`, run `pnpm build`, retry.",
  );
  process.exit(1);
}
