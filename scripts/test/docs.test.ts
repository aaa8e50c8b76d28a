// Opens every docs/<api>.html (built by `pnpm build:docs`) in headless Chromium and checks that
// each operation of the spec is rendered: its summary text and its operationId anchor. Saves
// docs/screenshots/<api>.png. Then the TypeDoc reference: each entry point's page names every
// export of the built module. Skips when Chromium is not installed (`apt-get install chromium`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { referenceEntryPoints } from "../lib/reference.ts";
import { apiPackages, repoRoot } from "../lib/workspace.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const docsDir = join(repoRoot, "docs");
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

const apis = apiPackages()
  .map((pkg) => {
    const spec = parse(readFileSync(pkg.spec, "utf8"));
    const operations = Object.entries<Record<string, { summary?: string; operationId?: string }>>(
      spec.paths ?? {},
    ).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method, path, ...item[method] })),
    );
    return [basename(pkg.spec, ".yaml"), operations] as const;
  })
  // A webhooks-only spec (zoom-webhooks) has no paths: Redoc renders its events in a webhooks
  // section whose anchors this walk does not know yet (not checked: no Chromium where it was added).
  .filter(([, operations]) => operations.length > 0);

describe.skipIf(!hasChromium)(`API reference pages in Chromium (needs ${CHROMIUM})`, () => {
  let browser: Browser;

  beforeAll(async () => {
    // Fresh pages from the current specs (turbo would skip this when they are up to date).
    const build = spawnSync(
      join(repoRoot, "node_modules", ".bin", "tsx"),
      ["scripts/build-docs.ts"],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    expect(build.status, build.stderr).toBe(0);
    mkdirSync(join(docsDir, "screenshots"), { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(apis)(
    "docs/%s.html renders every operation",
    async (api, operations) => {
      expect(operations.length).toBeGreaterThan(0);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(pathToFileURL(join(docsDir, `${api}.html`)).href, { waitUntil: "load" });
        await page.getByText("Search Ctrl+K").waitFor({ timeout: 20_000 });
        // Redoc renders an operation's section when it is opened: follow each operation's link
        // (its anchor ends with the operationId) and wait for the summary to show.
        const missing: string[] = [];
        for (const { method, path, summary, operationId } of operations) {
          const label = `${method.toUpperCase()} ${path}`;
          if (!operationId) {
            missing.push(`${label}: no operationId, so no anchor to check`);
            continue;
          }
          const link = page.locator(`a[href$="/${operationId.toLowerCase()}"]`);
          if ((await link.count()) === 0) {
            missing.push(`${label}: no link to operation ${operationId}`);
            continue;
          }
          await link.first().click();
          const shown = await page
            .getByText(summary ?? path, { exact: true })
            .first()
            .waitFor({ timeout: 10_000 })
            .then(
              () => true,
              () => false,
            );
          if (!shown) missing.push(`${label}: "${summary ?? path}" not rendered`);
        }
        expect(missing).toEqual([]);
        await page.goto(pathToFileURL(join(docsDir, `${api}.html`)).href);
        await page.getByText("Search Ctrl+K").waitFor({ timeout: 20_000 });
        await page.screenshot({ path: join(docsDir, "screenshots", `${api}.png`) });
      } finally {
        await page.close();
      }
    },
    60_000,
  );
});

describe.skipIf(!hasChromium)("TypeScript API reference (TypeDoc) in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    // docs/reference/ was written by the build in the block above (same file, run first).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(referenceEntryPoints().map((entry) => [entry.specifier, entry] as const))(
    "%s: every runtime export has its entry",
    async (_, entry) => {
      const exported = Object.keys(await import(entry.built));
      expect(exported.length).toBeGreaterThan(0);
      const page = await browser.newPage();
      try {
        await page.goto(pathToFileURL(join(docsDir, "reference", entry.page)).href);
        const text = (await page.locator("body").textContent()) ?? "";
        expect(exported.filter((name) => !text.includes(name))).toEqual([]);
      } finally {
        await page.close();
      }
    },
    30_000,
  );
});

it.skipIf(hasChromium)("skips the rendering checks: Chromium is not installed", () => {
  expect(existsSync(CHROMIUM)).toBe(false);
});
