// A user's view of the published packages: every public package packed with pnpm (as
// `pnpm publish` would), installed with npm from those tarballs into a temporary project with no
// workspace links (third-party dependencies packed from the local install: no network), then
// - the consumer files in fixtures/consumer/ type-checked under node16, bundler, a browser
//   setup (no @types/node) and CommonJS (module node20), strict with skipLibCheck false; each
//   `@ts-expect-error` in them is a mistake the types must catch (unused, it fails the check);
// - the same calls made for real through `import` and through `require()` against a local
//   node:http mock, in child processes, with nothing on stderr (no warning either), on the
//   Node running the test and on every version tools/node-versions installs (22, 24);
// - examples/ type-checked the same way and each run against the mock;
// - the type-check cost per client held to a budget.
// Needs the packages built (`pnpm test` builds them first).
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedNodeBinaries } from "../lib/node-versions.ts";
import { bin } from "../lib/run.ts";
import { packInstalled, packWithPnpm } from "../lib/tarballs.ts";
import { publicPackages, repoRoot } from "../lib/workspace.ts";
import { type ApiMock, startApiMock, UPLYNK_API_KEY, UPLYNK_OWNER } from "./helpers/api-mock.ts";

const run = promisify(execFile);
const fixtures = fileURLToPath(new URL("./fixtures/consumer/", import.meta.url));
// The client libraries a user installs and imports; the CLI (a bin) and @clipkit/testing (its
// own consumer proof: pnpm proof:consumer) are not imported by the consumer files.
const packages = publicPackages().filter(
  (pkg) => pkg.name !== "@clipkit/cli" && pkg.name !== "@clipkit/testing",
);
const typecheckBudget: Record<string, { instantiations: number; types: number }> = JSON.parse(
  readFileSync(new URL("./typecheck-budget.json", import.meta.url), "utf8"),
);
const versionOf = (name: string) => packages.find((pkg) => pkg.name === name)?.version;
// The Node running the test (20 here), then 22 and 24: one install serves them all.
const nodes = [
  { name: `node${process.versions.node.split(".")[0]}`, path: process.execPath },
  ...installedNodeBinaries(),
];

const STRICT = {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  target: "ES2022",
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
};
const NODE_FILES = ["clips.ts", "recordings.ts", "uplynk.ts", "core.ts", "webhooks.ts"];
const CONSUMER_CONFIGS = {
  // Node, ESM, no DOM lib: what @tsconfig/node20 users have; examples/ too.
  node16: {
    compilerOptions: {
      ...STRICT,
      module: "node16",
      moduleResolution: "node16",
      lib: ["ES2023"],
      types: ["node"],
    },
    files: NODE_FILES,
    include: ["examples/*.ts"],
  },
  bundler: {
    compilerOptions: {
      ...STRICT,
      module: "preserve",
      moduleResolution: "bundler",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      types: ["node"],
    },
    files: NODE_FILES,
  },
  // A browser or edge app: main entries only, and no Node types at all.
  browser: {
    compilerOptions: {
      ...STRICT,
      module: "preserve",
      moduleResolution: "bundler",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      types: [],
    },
    files: ["browser.ts"],
  },
  // CommonJS: TypeScript 5.9 models require() of ESM under module node20.
  commonjs: {
    compilerOptions: {
      ...STRICT,
      module: "node20",
      moduleResolution: "node16",
      lib: ["ES2023"],
      types: ["node"],
    },
    files: ["require.cts"],
  },
};

describe("the packages installed from their tarballs, as a user would", () => {
  let project = "";
  let mock: ApiMock;

  beforeAll(async () => {
    for (const pkg of packages) {
      const built = join(pkg.dir, "dist", "index.js");
      if (!existsSync(built)) throw new Error(`${pkg.name} is not built: run pnpm build first`);
    }
    project = mkdtempSync(join(tmpdir(), "clipkit-consumer-"));
    const tarballs = join(project, "tarballs");
    mkdirSync(tarballs);
    const openapiFetch = realpathSync(
      join(repoRoot, "packages", "core", "node_modules", "openapi-fetch"),
    );
    const packed = await Promise.all([
      ...packages.map(async (pkg) => (await packWithPnpm(pkg.dir, tarballs)).filename),
      packInstalled(openapiFetch, tarballs),
      packInstalled(join(dirname(openapiFetch), "openapi-typescript-helpers"), tarballs),
    ]);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "clipkit-consumer", private: true, type: "module" }),
    );
    // Its own empty cache: npm would otherwise reuse a cached tarball of the same name@version.
    await run(
      "npm",
      [
        "install",
        "--offline",
        "--cache",
        join(project, ".npm-cache"),
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        ...packed,
      ],
      { cwd: project },
    );
    // Node's types, as a Node user has them (linked from the repository's install).
    mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
    symlinkSync(
      realpathSync(join(repoRoot, "node_modules", "@types", "node")),
      join(project, "node_modules", "@types", "node"),
    );
    cpSync(fixtures, project, { recursive: true });
    cpSync(join(repoRoot, "examples"), join(project, "examples"), { recursive: true });
    for (const [mode, config] of Object.entries(CONSUMER_CONFIGS)) {
      writeFileSync(join(project, `tsconfig.${mode}.json`), JSON.stringify(config, null, 2));
    }
    mock = await startApiMock();
  }, 240_000);

  afterAll(async () => {
    await mock?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it("has no workspace links: every @clipkit package is a plain folder from a tarball", () => {
    const installed = readdirSync(join(project, "node_modules", "@clipkit"));
    expect(installed.sort()).toEqual(packages.map((pkg) => pkg.name.slice(9)).sort());
    for (const name of installed) {
      const dir = join(project, "node_modules", "@clipkit", name);
      expect(realpathSync(dir)).toBe(dir);
      // The generated types ship once, in dist/generated (limits.ts ships as the source of its map).
      expect(existsSync(join(dir, "src", "generated", "schema.d.ts"))).toBe(false);
    }
  });

  it("holds at least 15 deliberate type errors for the checks below", () => {
    const count = readdirSync(fixtures)
      .filter((file) => /\.c?ts$/.test(file))
      .map(
        (file) =>
          readFileSync(join(fixtures, file), "utf8").match(/@ts-expect-error/g)?.length ?? 0,
      )
      .reduce((a, b) => a + b, 0);
    expect(count).toBeGreaterThanOrEqual(15);
  });

  it.each(Object.keys(CONSUMER_CONFIGS))(
    "type-checks the consumer files under %s, every @ts-expect-error reported",
    async (mode) => {
      const result = await run(bin("tsc"), ["-p", `tsconfig.${mode}.json`], { cwd: project }).then(
        () => "",
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      expect(result).toBe("");
    },
    120_000,
  );

  // What type-checking a user's file costs, per client (node16, skipLibCheck on as most
  // setups have it): a generator change that makes the types explode shows up here first.
  it.each([
    ["@clipkit/zoom-clips", "clips.ts"],
    ["@clipkit/zoom-cloud-recording", "recordings.ts"],
    ["@clipkit/uplynk-clipping", "uplynk.ts"],
    ["@clipkit/core", "core.ts"],
  ])(
    "type-check cost of %s stays within scripts/test/typecheck-budget.json",
    async (name, file) => {
      const config = {
        ...CONSUMER_CONFIGS.node16,
        compilerOptions: { ...CONSUMER_CONFIGS.node16.compilerOptions, skipLibCheck: true },
        files: [file],
        include: [],
      };
      const tsconfig = `tsconfig.cost-${file}.json`;
      writeFileSync(join(project, tsconfig), JSON.stringify(config));
      const { stdout } = await run(bin("tsc"), ["-p", tsconfig, "--extendedDiagnostics"], {
        cwd: project,
      });
      const figure = (label: string) =>
        Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1]);
      const cost = {
        instantiations: figure("Instantiations"),
        types: figure("Types"),
        checkSeconds: figure("Check time"),
        memoryKB: figure("Memory used"),
      };
      console.log(`${name} (${file}): ${JSON.stringify(cost)}`);
      const budget = typecheckBudget[name] as { instantiations: number; types: number };
      expect(cost.instantiations, "instantiations over budget").toBeLessThanOrEqual(
        budget.instantiations,
      );
      expect(cost.types, "types over budget").toBeLessThanOrEqual(budget.types);
    },
    120_000,
  );

  const expected = () => ({
    clipTitle: "Demo clip",
    notFound: [true, true, 404],
    oauthClipTitle: "Demo clip",
    // Calendar months: Zoom's "one month" limit counted the way Zoom counts it.
    recordingTopics: ["2026-01-01..2026-01-31", "2026-02-01..2026-02-15"],
    downloaded: ["recording-bytes", "object"],
    draftId: "d1",
    sameErrorClasses: true,
    entryPoints: {
      core: "function",
      coreErrors: "function",
      zoomShared: "function",
      zoomSharedNode: "function",
      clips: "function",
      clipsNode: "function",
      recordings: "function",
      recordingsNode: "function",
      uplynk: "function",
    },
    versions: [
      versionOf("@clipkit/core"),
      versionOf("@clipkit/zoom-clips"),
      versionOf("@clipkit/zoom-cloud-recording"),
      versionOf("@clipkit/uplynk-clipping"),
    ],
  });

  it.each(nodes.map((node) => node.name))("%s is the version its name says", async (name) => {
    const node = nodes.find((n) => n.name === name) as (typeof nodes)[number];
    const { stdout } = await run(node.path, ["--version"]);
    expect(stdout.trim()).toMatch(new RegExp(`^v${name.slice(4)}\\.`));
  });

  it.each(nodes.flatMap((node) => ["run.mjs", "run.cjs"].map((script) => ({ script, node }))))(
    "$script on $node.name loads all 9 entry points and makes real calls, with nothing on stderr",
    async ({ script, node }) => {
      mock.seen.length = 0;
      const { stdout, stderr } = await run(node.path, [script, mock.url], {
        cwd: project,
        timeout: 60_000,
      });
      expect(stderr).toBe("");
      expect(JSON.parse(stdout)).toEqual(expected());
      const header = (path: string, name: string) =>
        mock.seen.find((request) => request.url?.startsWith(path))?.headers[name];
      expect(header("/clips/c1", "authorization")).toBe("Bearer token");
      expect(header("/clips/c2", "authorization")).toBe("Bearer s2s-token");
      expect(header("/clips/c1", "user-agent")).toContain(
        `@clipkit/zoom-clips/${versionOf("@clipkit/zoom-clips")} clipkit-core/${versionOf("@clipkit/core")}`,
      );
    },
    60_000,
  );

  it.each([
    { example: "list-recordings.ts", args: [], want: /^3 recordings$/m },
    { example: "get-clip.ts", args: ["c1"], want: /^clip c1: Demo clip$/m },
    { example: "get-clip.ts", args: ["gone"], want: /^no clip gone$/m },
    { example: "create-uplynk-draft.ts", args: ["asset-1"], want: /^draft d1 created$/m },
    {
      example: "download-recording.ts",
      args: ["{mock}/rec/download/r1", "{dir}/recording.mp4"],
      want: /^saved .*recording\.mp4: \{"path":.*"bytes":15/m,
    },
  ])(
    "examples/$example $args runs against the mock",
    async ({ example, args, want }) => {
      const dir = mkdtempSync(join(project, "out-"));
      const argv = args.map((arg) => arg.replace("{mock}", mock.url).replace("{dir}", dir));
      const { stdout } = await run(bin("tsx"), [join("examples", example), ...argv], {
        cwd: project,
        timeout: 60_000,
        env: {
          ...process.env,
          ZOOM_TOKEN: "token",
          ZOOM_API_BASE_URL: mock.url,
          ZOOM_TRUSTED_ORIGIN: mock.url,
          UPLYNK_OWNER: UPLYNK_OWNER,
          UPLYNK_API_KEY: UPLYNK_API_KEY,
          UPLYNK_BASE_URL: mock.url,
        },
      });
      expect(stdout).toMatch(want);
    },
    60_000,
  );
});
