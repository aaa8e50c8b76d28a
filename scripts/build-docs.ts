// Usage: tsx scripts/build-docs.ts [api…]
// Builds an HTML API reference per spec with Redocly: docs/<api>.html (git-ignored), the typed
// reference of every entry point with TypeDoc (docs/reference/), and docs/index.html linking them. Run through turbo (`pnpm build:docs`) to skip unchanged specs.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { referenceEntryPoints } from "./lib/reference.ts";
import { bin } from "./lib/run.ts";
import { apiPackages, repoRoot } from "./lib/workspace.ts";

const HELP = `Usage: pnpm build:docs        (turbo, cached on the specs)
       pnpm docs:html [api…]     (this script, uncached; turbo's task runs it)

Writes docs/<api>.html for every API package's spec (or only the named ones) with
\`redocly build-docs --inlineBundle\` (the page embeds Redoc, so it opens offline); with no
names, also docs/reference/ (TypeDoc: the TSDoc of every published entry point, after
pnpm build) and docs/index.html linking them all. All git-ignored; \`pnpm test:docs\` checks in
headless Chromium that every operation and every exported name renders.`;

if (process.argv.includes("--help")) {
  console.log(HELP);
  process.exit(0);
}

const docsDir = join(repoRoot, "docs");
const only = process.argv.slice(2);
const apis = apiPackages()
  .map((pkg) => ({ name: pkg.name, api: basename(pkg.spec, ".yaml"), spec: pkg.spec }))
  .filter(({ api }) => only.length === 0 || only.includes(api));

mkdirSync(docsDir, { recursive: true });
for (const { api, spec } of apis) {
  const output = join(docsDir, `${api}.html`);
  const result = spawnSync(
    bin("redocly"),
    ["build-docs", spec, "-o", output, "--inlineBundle", "--title", `${api} API reference`],
    { cwd: repoRoot, encoding: "utf8" },
  );
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    console.error(`build-docs: redocly failed for ${relative(repoRoot, spec)}`);
    process.exit(1);
  }
  console.log(`${relative(repoRoot, spec)} -> ${relative(repoRoot, output)}`);
}
if (only.length === 0) {
  const reference = join(docsDir, "reference");
  const result = spawnSync(
    bin("typedoc"),
    [
      "--tsconfig",
      "tsconfig.typedoc.json",
      "--entryPointStrategy",
      "resolve",
      "--out",
      reference,
      "--readme",
      "none",
      "--name",
      "ClipKit TypeScript API",
      "--treatWarningsAsErrors",
      ...referenceEntryPoints().map((entry) => entry.source),
    ],
    { cwd: repoRoot, encoding: "utf8" },
  );
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    console.error("build-docs: typedoc failed");
    process.exit(1);
  }
  console.log(`TSDoc of every entry point -> ${relative(repoRoot, reference)}/index.html`);
  const items = [
    ...apis.map(({ name, api }) => `<li><a href="${api}.html">${name}</a> (HTTP API)</li>`),
    '<li><a href="reference/index.html">TypeScript API of every package</a> (TypeDoc)</li>',
  ].join("\n");
  writeFileSync(
    join(docsDir, "index.html"),
    `<!doctype html>\n<meta charset="utf-8">\n<title>ClipKit API reference</title>\n<h1>ClipKit API reference</h1>\n<ul>\n${items}\n</ul>\n`,
  );
}
