import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findDrift } from "../lib/drift.ts";
import { renderTypes } from "../lib/generator.ts";
import { apiPackages } from "../lib/workspace.ts";

describe("generated code", () => {
  it("matches every spec (run `pnpm generate` when this fails)", async () => {
    expect(apiPackages().length).toBeGreaterThan(0);
    expect(await findDrift()).toEqual([]);
  });

  it("reports a spec changed without regenerating, naming the file", async () => {
    const pkg = apiPackages().find((p) => p.name === "@clipkit/zoom-cloud-recording");
    if (!pkg) throw new Error("zoom-cloud-recording package not found");
    const dir = mkdtempSync(join(tmpdir(), "clipkit-drift-"));
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

  it("reports a generated file edited by hand", async () => {
    const pkg = apiPackages()[0];
    if (!pkg) throw new Error("no API package");
    const dir = mkdtempSync(join(tmpdir(), "clipkit-drift-"));
    const output = join(dir, "schema.d.ts");
    writeFileSync(output, `${readFileSync(pkg.output, "utf8")}\n// hand edit\n`);
    expect(await findDrift([{ ...pkg, output }])).toHaveLength(1);
  });
});
