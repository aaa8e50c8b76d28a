// Vitest global setup (root vitest.config.ts): every test removes what it writes to the temp
// dir, also when it fails. The run gets a temp dir of its own — TMPDIR (TMP, TEMP on Windows),
// inherited by the workers and by every process a test starts — so that other runs on the
// machine add no noise, and the run fails when a `clipkit-*` entry is left in it at the end.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What our tests and tools name their temp entries (`clipkit-dl-…`, `clipkit-pack-…`). */
export const TEMP_PREFIX = "clipkit-";
const ENV_NAMES = ["TMPDIR", "TMP", "TEMP"] as const;

/** The `clipkit-*` entries in `dir`, sorted. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(TEMP_PREFIX))
    .sort();
}

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}test-run-`));
  const saved = ENV_NAMES.map((name) => [name, process.env[name]] as const);
  for (const name of ENV_NAMES) process.env[name] = root;
  return () => {
    const left = leftovers(root);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    if (left.length > 0) {
      // A throw here is only logged by vitest ("error during close"): set the exit code.
      console.error(
        `temp-guard: ${left.length} temp entr${left.length === 1 ? "y was" : "ies were"} left behind ` +
          `(the prefix names the test or tool that made it; removed now):\n  ${left.join("\n  ")}`,
      );
      process.exitCode = 1;
    }
  };
}
