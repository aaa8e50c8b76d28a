import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderApiMap } from "../lib/api-map.ts";
import { repoRoot } from "../lib/workspace.ts";

describe("api.md", () => {
  const rendered = renderApiMap();

  it("matches the packages' entry points (run `pnpm api-map` when this fails)", () => {
    expect(readFileSync(join(repoRoot, "api.md"), "utf8")).toBe(rendered);
  });

  it.each([
    ["@clipkit/zoom-clips", "createZoomClipsClient", "packages/zoom-clips/src/client.ts"],
    ["@clipkit/zoom-clips/node", "uploadClip", "packages/zoom-clips/src/node/index.ts"],
    ["@clipkit/core", "unwrap", "packages/core/src/unwrap.ts"],
    ["@clipkit/uplynk-clipping", "uplynkSigner", "packages/uplynk-clipping/src/signing.ts"],
  ])("lists %s's %s, linked to its source", (entry, name, file) => {
    const section = rendered.split(`### \`${entry}\``)[1]?.split("###")[0] ?? "";
    expect(section).toContain(`| \`${name}\` |`);
    expect(section).toContain(`[${file}](${file})`);
  });

  it("leaves private packages out", () => {
    expect(rendered).not.toContain("@clipkit/contract-harness");
  });
});
