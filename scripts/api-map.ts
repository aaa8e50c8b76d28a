// Usage: tsx scripts/api-map.ts [--check]
// Writes api.md (the map of every public export), or with --check fails when it is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderApiMap } from "./lib/api-map.ts";
import { repoRoot } from "./lib/workspace.ts";

if (process.argv.includes("--help")) {
  console.log(
    "Usage: tsx scripts/api-map.ts [--check]\nWrites api.md from the packages' entry points.",
  );
  process.exit(0);
}
const path = join(repoRoot, "api.md");
const text = renderApiMap();
if (process.argv.includes("--check")) {
  if (readFileSync(path, "utf8") !== text) {
    console.error("api.md is stale. Run `pnpm api-map` and commit the result.");
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
  console.log("wrote api.md");
}
