// Usage: tsx scripts/build-docs.ts [api…]
// Builds an HTML API reference per spec with Redocly: docs/<api>.html (git-ignored), plus a
// docs/index.html linking them. Run through turbo (`pnpm build:docs`) to skip unchanged specs.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { bin } from "./lib/run.ts";
import { apiPackages, repoRoot } from "./lib/workspace.ts";

const HELP = `Usage: pnpm build:docs        (turbo, cached on the specs)
       pnpm docs:html [api…]     (this script, uncached; turbo's task runs it)

Writes docs/<api>.html for every API package's spec (or only the named ones) with
\`redocly build-docs --inlineBundle\` (the page embeds Redoc, so it opens offline), and
docs/index.html linking them. docs/*.html is git-ignored; \`pnpm test:docs\` checks the pages
render every operation in headless Chromium.`;

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
  const items = apis
    .map(({ name, api }) => `<li><a href="${api}.html">${name}</a></li>`)
    .join("\n");
  writeFileSync(
    join(docsDir, "index.html"),
    `<!doctype html>\n<meta charset="utf-8">\n<title>ClipKit API reference</title>\n<h1>ClipKit API reference</h1>\n<ul>\n${items}\n</ul>\n`,
  );
}
