// Scaffolds a throwaway API into a sandbox copy of the repository and proves the package
// works end to end: generated types and version without drift, Biome, build, typecheck, spec
// lint, its Prism contract test and a complete tarball. Takes ~30 s (tsc builds and a Prism start), hence the long timeout.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findManifestProblems, findPackProblems } from "../lib/pack-check.ts";
import { createSandbox, linkDependencies } from "../lib/sandbox.ts";
import { firstGetOperation, pascalCase, renderTemplate } from "../lib/scaffold.ts";
import { repoRoot } from "../lib/workspace.ts";
import { removedAfterTest } from "./helpers/temp-dir.ts";

const fixture = fileURLToPath(new URL("./fixtures/scaffold/clip-shelf.yaml", import.meta.url));

/** Whether the package's dist/ is missing or older than a file of its src/. */
function isStale(dir: string): boolean {
  const built = join(dir, "dist", "index.js");
  if (!existsSync(built)) return true;
  const sources = readdirSync(join(dir, "src"), { recursive: true, encoding: "utf8" });
  const newest = Math.max(...sources.map((file) => statSync(join(dir, "src", file)).mtimeMs));
  return newest > statSync(built).mtimeMs;
}

function run(cwd: string, command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe("template helpers", () => {
  it.each([
    { given: "clip-store", want: "ClipStore" },
    { given: "vimeo", want: "Vimeo" },
    { given: "zoom-cloud-recording", want: "ZoomCloudRecording" },
  ])("pascalCase($given) = $want", ({ given, want }) => {
    expect(pascalCase(given)).toBe(want);
  });

  it("renders placeholders and refuses unknown ones", () => {
    expect(renderTemplate("create{{Pascal}}Client", { Pascal: "Vimeo" })).toBe("createVimeoClient");
    expect(() => renderTemplate("{{nope}}", {})).toThrow("{{nope}}");
  });

  it("picks the first GET with values for its required parameters", () => {
    expect(firstGetOperation(parse(readFileSync(fixture, "utf8")))).toEqual({
      path: "/shelves/{shelfId}/clips",
      status: "200",
      params: { path: { shelfId: "sh-42" }, query: { state: "ready" } },
      example: "twoClips",
    });
  });
});

describe("pnpm new-api", () => {
  it("scaffolds a package that generates, builds, typechecks and passes its contract test", () => {
    // The shared runtime and the harness are used as built by the repository's own build.
    for (const dep of ["core", "contract-harness"]) {
      const dir = join(repoRoot, "packages", dep);
      if (!isStale(dir)) continue;
      const build = run(dir, "node_modules/.bin/tsc", ["-p", "tsconfig.build.json"]);
      expect(build.status, `building ${dep}:\n${build.output}`).toBe(0);
    }
    const sandbox = removedAfterTest(
      createSandbox({ packages: [], link: ["core", "contract-harness"] }),
    );
    const tsx = join(sandbox, "node_modules", ".bin", "tsx");

    const scaffold = run(sandbox, tsx, ["scripts/new-api.ts", "clip-shelf", "--spec", fixture]);
    expect(scaffold.status, scaffold.output).toBe(0);
    const pkg = join(sandbox, "packages", "clip-shelf");
    for (const file of [
      "package.json",
      "turbo.json",
      "tsconfig.json",
      "tsconfig.build.json",
      "vitest.config.ts",
      "README.md",
      "src/client.ts",
      "src/lean-client.ts",
      "src/lean.ts",
      "src/index.ts",
      "src/version.ts",
      "src/generated/schema.d.ts",
      "src/generated/limits.ts",
      "test/global-setup.ts",
      "test/contract.test.ts",
    ]) {
      expect(existsSync(join(pkg, file)), file).toBe(true);
    }
    expect(existsSync(join(sandbox, "specs", "clip-shelf.yaml"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
    expect(manifest.name).toBe("@clipkit/clip-shelf");
    expect(manifest.clipkit).toEqual({ spec: "clip-shelf" });
    expect(readFileSync(join(pkg, "src", "index.ts"), "utf8")).toContain("createClipShelfClient");
    expect(readFileSync(join(pkg, "src", "lean-client.ts"), "utf8")).toContain(
      "createApiClient<paths>",
    );
    expect(readFileSync(join(pkg, "src", "client.ts"), "utf8")).toContain(
      "requestValidation(requestSchemas)",
    );
    // A second scaffold of the same name is refused instead of overwriting.
    expect(run(sandbox, tsx, ["scripts/new-api.ts", "clip-shelf", "--spec", fixture]).status).toBe(
      1,
    );

    // The template's dependencies are those of the model package: reuse its installed links.
    const model = join(repoRoot, "packages", "zoom-cloud-recording");
    const installed = readdirSync(join(model, "node_modules"));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(installed, `${dep} is not installed in the model package`).toContain(
        dep.split("/")[0],
      );
    }
    linkDependencies(model, pkg);

    const steps: Array<[string, string, string[]]> = [
      ["drift", sandbox, [tsx, "scripts/check-drift.ts"]],
      // What `pnpm lint` runs on it: formatting, lint rules, sorted imports and exports.
      ["biome", sandbox, ["node_modules/.bin/biome", "check", "packages/clip-shelf"]],
      [
        "lint:spec",
        pkg,
        [
          "node_modules/.bin/redocly",
          "lint",
          "../../specs/clip-shelf.yaml",
          "--config",
          "../../redocly.yaml",
        ],
      ],
      [
        "build core",
        join(sandbox, "packages", "core"),
        ["node_modules/.bin/tsc", "-p", "tsconfig.build.json"],
      ],
      [
        "build harness",
        join(sandbox, "packages", "contract-harness"),
        ["node_modules/.bin/tsc", "-p", "tsconfig.build.json"],
      ],
      // The package's own build script: tsc, then the generated types copied into dist/.
      [
        "build",
        pkg,
        [
          "sh",
          "-c",
          `PATH="${join(pkg, "node_modules", ".bin")}:$PATH"; ${manifest.scripts.build}`,
        ],
      ],
      ["typecheck", pkg, ["node_modules/.bin/tsc", "-p", "tsconfig.json", "--noEmit"]],
      ["test", sandbox, ["node_modules/.bin/vitest", "run", "--project", "clip-shelf"]],
    ];
    for (const [name, cwd, [command, ...args]] of steps) {
      const result = run(cwd, command as string, args);
      expect(result.status, `${name} failed:\n${result.output}`).toBe(0);
      if (name === "test") expect(result.output).toMatch(/Tests\s+.*1 passed/);
    }
    expect(existsSync(join(pkg, "dist", "index.js"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "lean.js"))).toBe(true);
    // What npm would publish is complete: dist/*.d.ts find ./generated/schema.js in the tarball.
    expect(findPackProblems(pkg)).toEqual([]);
    expect(findManifestProblems(pkg)).toEqual([]);
  }, 300_000);
});
