import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findDrift, findOrphans } from "../lib/drift.ts";
import { renderLimits, renderTypes } from "../lib/generator.ts";
import { findVersionDrift, renderVersionFile } from "../lib/version-file.ts";
import { apiPackages } from "../lib/workspace.ts";
import { testTempDir } from "./helpers/temp-dir.ts";

describe("generated code", () => {
  it("matches every spec (run `pnpm generate` when this fails)", async () => {
    expect(apiPackages().length).toBeGreaterThan(0);
    expect(await findDrift()).toEqual([]);
  });

  it("reports a spec changed without regenerating, naming the file", async () => {
    const pkg = apiPackages().find((p) => p.name === "@clipkit/zoom-cloud-recording");
    if (!pkg) throw new Error("zoom-cloud-recording package not found");
    const dir = testTempDir("drift");
    const spec = join(dir, basename(pkg.spec));
    const output = join(dir, "schema.d.ts");
    copyFileSync(pkg.spec, spec);
    copyFileSync(pkg.output, output);
    const copy = { ...pkg, spec, output };
    expect(await findDrift([copy])).toEqual([]);

    writeFileSync(
      spec,
      readFileSync(spec, "utf8").replace("enum: [completed]", "enum: [completed, processing]"),
    );
    const drift = await findDrift([copy]);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toContain("differs from what");

    // Regenerating picks the new enum value up.
    expect(await renderTypes(spec)).toContain('"processing"');
  });

  it("a webhooks-only spec gets no limits.ts, and a stray one is reported", async () => {
    const pkg = apiPackages().find((p) => p.name === "@clipkit/zoom-webhooks");
    if (!pkg) throw new Error("zoom-webhooks package not found");
    expect(renderLimits(pkg.spec)).toBeUndefined();
    expect(existsSync(pkg.limits)).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), "clipkit-drift-"));
    try {
      const limits = join(dir, "limits.ts");
      writeFileSync(limits, "export const requestSchemas = {};\n");
      const drift = await findDrift([{ ...pkg, limits }]);
      expect(drift).toHaveLength(1);
      expect(drift[0]).toContain("has no paths");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a generated file edited by hand", async () => {
    const pkg = apiPackages()[0];
    if (!pkg) throw new Error("no API package");
    const dir = testTempDir("drift");
    const output = join(dir, "schema.d.ts");
    writeFileSync(output, `${readFileSync(pkg.output, "utf8")}\n// hand edit\n`);
    expect(await findDrift([{ ...pkg, output }])).toHaveLength(1);
  });
});

describe("generated code without a spec", () => {
  const tempPackages = (packages: Packages) => {
    const root = testTempDir("orphans");
    for (const [name, { spec, generated }] of Object.entries(packages)) {
      const dir = join(root, "packages", name);
      mkdirSync(join(dir, "src", "generated"), { recursive: true });
      const manifest = { name: `@clipkit/${name}`, ...(spec ? { clipkit: { spec } } : {}) };
      writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
      if (generated) writeFileSync(join(dir, "src", "generated", "schema.d.ts"), "export {};\n");
    }
    return root;
  };

  type Packages = Record<string, { spec?: string; generated?: boolean }>;
  it.each<{ given: string; packages: Packages; want: string[] }>([
    { given: "no generated files anywhere", packages: { core: {} }, want: [] },
    {
      given: "generated files beside a spec",
      packages: { a: { spec: "a", generated: true } },
      want: [],
    },
    {
      given: "generated files in a package with no spec",
      packages: { a: { spec: "a", generated: true }, old: { generated: true } },
      want: [
        'packages/old/src/generated/ exists, but packages/old/package.json declares no "clipkit": { "spec": … }',
      ],
    },
  ])("$given", ({ packages, want }) => {
    expect(findOrphans(tempPackages(packages))).toEqual(want);
  });

  it("finds none in this repository", () => {
    expect(findOrphans()).toEqual([]);
  });

  it("reports a declared spec that does not exist", async () => {
    const pkg = apiPackages()[0];
    if (!pkg) throw new Error("no API package");
    const drift = await findDrift([{ ...pkg, spec: join(tmpdir(), "no-such-spec.yaml") }]);
    expect(drift).toEqual([expect.stringContaining("is missing, but")]);
  });

  it("prints the command to run", () => {
    // The script finds the repository from its own location: run a copy inside the temp repo.
    const root = tempPackages({ old: { generated: true } });
    const repo = fileURLToPath(new URL("../..", import.meta.url));
    cpSync(join(repo, "scripts"), join(root, "scripts"), { recursive: true });
    symlinkSync(join(repo, "node_modules"), join(root, "node_modules"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }));
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/check-drift.ts"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("orphan: packages/old/src/generated/");
    expect(result.stderr).toContain("run `pnpm generate`");
  });
});

describe("src/version.ts of each published package", () => {
  const pkg = (version: string, file?: string) => {
    const dir = testTempDir("version");
    mkdirSync(join(dir, "src"));
    if (file !== undefined) writeFileSync(join(dir, "src", "version.ts"), file);
    return { name: "@clipkit/clip-shelf", version, dir, entryPoints: ["."] };
  };

  it("matches package.json in this repository (run `pnpm generate` when this fails)", () => {
    expect(findVersionDrift()).toEqual([]);
  });

  it.each<{ given: string; file?: string; want: string[] }>([
    {
      given: "the generated file",
      file: renderVersionFile("@clipkit/clip-shelf", "1.2.3"),
      want: [],
    },
    {
      given: "a file left at the version before a bump",
      file: renderVersionFile("@clipkit/clip-shelf", "1.2.2"),
      want: ["src/version.ts differs from package.json (@clipkit/clip-shelf@1.2.3)"],
    },
    { given: "no file", want: ["src/version.ts is missing (@clipkit/clip-shelf)"] },
  ])("$given", ({ file, want }) => {
    const at = pkg("1.2.3", file);
    expect(findVersionDrift([at], at.dir)).toEqual(want);
  });
});
