import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/**
 * `dir`, removed when the current test ends, passed or failed (the root vitest config's temp
 * guard fails a run that leaves a `clipkit-*` entry behind). Call it inside a test.
 */
export function removedAfterTest(dir: string): string {
  onTestFinished(() => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}

/** A fresh `clipkit-<name>-*` folder in the temp dir, removed when the current test ends. */
export function testTempDir(name: string): string {
  return removedAfterTest(mkdtempSync(join(tmpdir(), `clipkit-${name}-`)));
}
