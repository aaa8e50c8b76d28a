// Every main entry runs outside Node: each is bundled by esbuild for the browser, and any Node
// built-in it reaches (`node:*`, `fs`, …) fails the test, naming the file that imports it; the
// Node-only helpers live behind `./node`. Then the size budget: one client and one call,
// minified and gzipped, printed beside openapi-fetch doing the same call; and, when Chromium is
// installed, the three clients bundled into a page make real calls in headless Chromium.
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicPackages, repoRoot } from "../lib/workspace.ts";
import { type ApiMock, startApiMock, UPLYNK_API_KEY, UPLYNK_OWNER } from "./helpers/api-mock.ts";

const CHROMIUM = "/usr/bin/chromium";
// `apps`: one client and one call; `entries`: each entry a user can import, whole.
const budgets: { apps: Record<string, number>; entries: Record<string, number> } = JSON.parse(
  readFileSync(new URL("./size-budget.json", import.meta.url), "utf8"),
);
const BUILTIN = new RegExp(
  `^(node:.*|${builtinModules.map((m) => m.replace("/", "\\/")).join("|")})$`,
);

/**
 * Bundles `contents` (for the browser unless told otherwise); returns the minified code and
 * the Node built-ins reached.
 */
async function bundleForBrowser(
  contents: string,
  { resolveDir = repoRoot, platform = "browser" as "browser" | "node" } = {},
) {
  const builtins: string[] = [];
  const recordBuiltins: Plugin = {
    name: "record-node-builtins",
    setup(bundle) {
      bundle.onResolve({ filter: BUILTIN }, (args) => {
        builtins.push(`${args.importer.replace(`${repoRoot}/`, "")} imports ${args.path}`);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: "app.js" },
    bundle: true,
    platform,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
    plugins: [recordBuiltins],
  });
  const code = result.outputFiles[0]?.text ?? "";
  return { code, builtins, gzipped: gzipSync(code, { level: 9 }).length };
}

// Node-only by design: the CLI, and @clipkit/testing's main entry (servers on loopback ports;
// its browser part is ./msw, whose imports a test of its own keeps free of node:).
const NODE_ONLY = new Set(["@clipkit/cli", "@clipkit/testing"]);
const mainEntries = publicPackages()
  .filter((pkg) => !NODE_ONLY.has(pkg.name))
  .map((pkg) => [pkg.name, join(pkg.dir, "dist", "index.js")]);

describe("main entries in the browser", () => {
  it.each(mainEntries)("%s bundles for the browser without a Node built-in", async (_, file) => {
    expect(existsSync(file), `${file}: run pnpm build first`).toBe(true);
    const { builtins, code } = await bundleForBrowser(`export * from ${JSON.stringify(file)};`);
    expect(builtins).toEqual([]);
    expect(code.length).toBeGreaterThan(0);
  });
});

// One client, one typed GET: what an app that needs one call pays.
const apps: Record<string, string> = {
  "openapi-fetch": `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.zoom.us/v2", headers: { Authorization: "Bearer t" } });
export const run = () => client.GET("/clips/{clipId}", { params: { path: { clipId: "c1" } } });`,
  "@clipkit/zoom-clips": `import { createZoomClipsClient } from "@clipkit/zoom-clips";
const client = createZoomClipsClient({ auth: "t" });
export const run = () => client.GET("/clips/{clipId}", { params: { path: { clipId: "c1" } } });`,
  "@clipkit/zoom-cloud-recording": `import { createZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
const client = createZoomCloudRecordingClient({ auth: "t" });
export const run = () => client.GET("/users/{userId}/recordings", { params: { path: { userId: "me" } } });`,
  "@clipkit/uplynk-clipping": `import { createUplynkClippingClient } from "@clipkit/uplynk-clipping";
const client = createUplynkClippingClient({ owner: "o", apiKey: "k" });
export const run = () => client.GET("/clipping_draft");`,
  "@clipkit/zoom-users": `import { createZoomUsersClient } from "@clipkit/zoom-users";
const client = createZoomUsersClient({ auth: "t" });
export const run = () => client.GET("/users/{userId}", { params: { path: { userId: "me" } } });`,
};
// The same call through each package's `./lean` entry: no request checks, no `paginate`.
for (const name of Object.keys(apps).filter((name) => name.startsWith("@clipkit/"))) {
  apps[`${name}/lean`] = (apps[name] as string).replace(`from "${name}"`, `from "${name}/lean"`);
}

describe("size budget (min+gzip, one client and one call)", () => {
  it("stays within scripts/test/size-budget.json, printed beside openapi-fetch", async () => {
    const sizes = Object.fromEntries(
      await Promise.all(
        Object.entries(apps).map(async ([name, app]) => [
          name,
          (await bundleForBrowser(app)).gzipped,
        ]),
      ),
    ) as Record<string, number>;
    const baseline = sizes["openapi-fetch"] as number;
    // Each lean entry must drop what it promises to (the schemas and their checker, paginate):
    // a lean bundle within 1 kB of its full one means something pulled them back in.
    for (const [name, bytes] of Object.entries(sizes)) {
      const full = sizes[name.replace(/\/lean$/, "")] as number;
      if (name.endsWith("/lean"))
        expect(full - bytes, `${name} vs its main entry`).toBeGreaterThan(1000);
    }
    const table = Object.entries(sizes).map(
      ([name, bytes]) =>
        `  ${name.padEnd(36)} ${String(bytes).padStart(6)} B  ${(bytes / baseline).toFixed(2)}× openapi-fetch   budget ${budgets.apps[name] ?? 0} B`,
    );
    console.log(`min+gzip, one client + one GET:\n${table.join("\n")}`);
    const over = Object.entries(sizes).filter(([name, bytes]) => bytes > (budgets.apps[name] ?? 0));
    expect(
      over,
      "over budget: shrink it, or raise size-budget.json and say why in the commit",
    ).toEqual([]);
  }, 60_000);
});

// Each entry a user can import, whole (`export *`): the most that importing from it costs, so
// that what an entry pulls in cannot grow unnoticed. `./node` entries are bundled for Node;
// @clipkit/testing is test tooling (and the CLI a program), not code shipped inside apps.
const SHIPPED = publicPackages().filter((pkg) => !NODE_ONLY.has(pkg.name));
const importable = SHIPPED.flatMap((pkg) =>
  pkg.entryPoints.map((sub) => ({
    spec: sub === "." ? pkg.name : `${pkg.name}/${sub.slice(2)}`,
    dir: pkg.dir,
    platform: sub === "./node" ? ("node" as const) : ("browser" as const),
  })),
);

describe("size budget (min+gzip, each entry whole)", () => {
  it("stays within scripts/test/size-budget.json's entries, one budget per entry", async () => {
    const sizes: Record<string, number> = {};
    for (const { spec, dir, platform } of importable) {
      sizes[spec] = (
        await bundleForBrowser(`export * from ${JSON.stringify(spec)};`, {
          resolveDir: dir,
          platform,
        })
      ).gzipped;
    }
    console.log(
      `min+gzip, each entry whole:\n${Object.entries(sizes)
        .map(
          ([spec, bytes]) =>
            `  ${spec.padEnd(36)} ${String(bytes).padStart(6)} B   budget ${budgets.entries[spec] ?? "none"}`,
        )
        .join("\n")}`,
    );
    expect(Object.keys(budgets.entries).sort(), "one budget per entry, no stale ones").toEqual(
      Object.keys(sizes).sort(),
    );
    const over = Object.entries(sizes).filter(
      ([spec, bytes]) => bytes > (budgets.entries[spec] ?? 0),
    );
    expect(over, "over budget: shrink it, or raise size-budget.json and say why").toEqual([]);
  }, 120_000);
});

describe.skipIf(!existsSync(CHROMIUM))(
  `real calls in headless Chromium (needs ${CHROMIUM})`,
  () => {
    let browser: Browser;
    let mock: ApiMock;

    beforeAll(async () => {
      mock = await startApiMock();
      const app = await bundleForBrowser(`
import { createUplynkClippingClient, createDraftClip } from "@clipkit/uplynk-clipping";
import { createZoomClipsClient, NotFoundError, unwrap } from "@clipkit/zoom-clips";
import { createZoomCloudRecordingClient, listAllRecordings } from "@clipkit/zoom-cloud-recording";
const baseUrl = location.origin;
const results = {};
try {
  const zoom = createZoomClipsClient({ auth: "token", baseUrl, maxRetries: 0 });
  results.clipTitle = (await zoom.GET("/clips/{clipId}", { params: { path: { clipId: "c1" } } })).data.title;
  results.notFound = await unwrap(zoom.GET("/clips/{clipId}", { params: { path: { clipId: "gone" } } }))
    .then(() => false, (error) => error instanceof NotFoundError);
  const recordings = createZoomCloudRecordingClient({ auth: "token", baseUrl });
  results.topics = [];
  for await (const m of listAllRecordings(recordings, { userId: "me", from: "2026-01-01", to: "2026-01-10" })) {
    results.topics.push(m.topic);
  }
  const uplynk = createUplynkClippingClient({ owner: ${JSON.stringify(UPLYNK_OWNER)}, apiKey: ${JSON.stringify(UPLYNK_API_KEY)}, baseUrl });
  results.draftId = (await createDraftClip(uplynk, { beam: "b1", start: 0, duration: 10 })).id;
} catch (error) {
  results.error = String(error?.stack ?? error);
}
window.results = results;
`);
      expect(app.builtins).toEqual([]);
      mock.pages.set("/", {
        type: "text/html",
        body: '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>',
      });
      mock.pages.set("/app.js", { type: "text/javascript", body: app.code });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await mock?.close();
    });

    it("the three clients call a local server: typed GET, typed error, pagination, signed POST", async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      try {
        await page.goto(mock.url);
        const results = await page.waitForFunction(
          () => (window as { results?: unknown }).results,
          null,
          {
            timeout: 30_000,
          },
        );
        expect(await results.jsonValue()).toEqual({
          clipTitle: "Demo clip",
          notFound: true,
          topics: ["2026-01-01..2026-01-10"],
          draftId: "d1",
        });
        expect(errors).toEqual([]);
        // Signed by Web Crypto and CompressionStream in the page; the mock checked msg and sig.
        expect(mock.seen.some((r) => r.url.startsWith("/clipping_draft?msg="))).toBe(true);
      } finally {
        await page.close();
      }
    }, 60_000);
  },
);
