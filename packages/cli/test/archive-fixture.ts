// What the archive suites start from: a Zoom fake with May 2024 of recordings, an empty output
// folder, the CLI's arguments for that month and the fake's credentials. Both go in the suite's
// `cleanups`, the folder first: a close that throws must not keep it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startZoomFake, type ZoomFakeOptions } from "@clipkit/testing";
import { archiveArgs, credentialsEnv } from "./run-cli.js";

export type Cleanups = Array<() => Promise<void> | void>;

export const MAY = { from: "2024-05-01", to: "2024-05-31" } as const;

export async function archiveFixture(
  cleanups: Cleanups,
  folderPrefix: string,
  options: ZoomFakeOptions,
) {
  const fake = await startZoomFake({ ...MAY, ...options });
  const out = mkdtempSync(join(tmpdir(), folderPrefix));
  cleanups.push(
    () => rmSync(out, { recursive: true, force: true }),
    () => fake.close(),
  );
  const args = (...more: string[]) => archiveArgs(fake, { ...MAY, out }, ...more);
  return { fake, out, args, env: credentialsEnv(fake) };
}
