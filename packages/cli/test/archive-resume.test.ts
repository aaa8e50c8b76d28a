// The proof of the issue: the built CLI archives a month of a user's recordings from
// @clipkit/testing's Zoom fake, is SIGKILLed twice mid-run, re-run to the end, then re-run
// once more: every file present once, hashes equal to the server's, the last run downloads
// nothing, no credential reaches the CDN host.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { startZoomFake, type ZoomFake } from "@clipkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveArgs, credentialsEnv, eventsOf, runCli } from "./run-cli.js";

const KiB = 1024;
let fake: ZoomFake;
let out: string;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Archive files under their final names (not the manifest, not `.part` files). */
const finalFiles = () =>
  walk(out)
    .map((path) => relative(out, path).split("\\").join("/"))
    .filter((path) => path !== "manifest.jsonl" && !/\.part(\.json)?$/.test(path));

const sha256 = (path: string) =>
  createHash("sha256")
    .update(readFileSync(join(out, path)))
    .digest("hex");

function manifest(): Map<string, { path: string; sha256: string; size: number }> {
  const entries = new Map();
  for (const line of readFileSync(join(out, "manifest.jsonl"), "utf8").split("\n")) {
    if (line.trim()) entries.set(JSON.parse(line).fileId, JSON.parse(line));
  }
  return entries;
}

/** Every file under a final name is whole: its bytes hash to the server's file. */
function expectNoHalfWrittenFile() {
  const byPath = new Map(
    fake.state.files().map((f) => [manifest().get(f.id)?.path ?? "", f] as const),
  );
  const serverHashes = new Set(fake.state.files().map((f) => fake.state.sha256(f.id)));
  for (const path of finalFiles()) {
    expect(serverHashes.has(sha256(path)), path).toBe(true);
    const file = byPath.get(path);
    if (file) expect(statSync(join(out, path)).size).toBe(file.size);
  }
}

const args = () =>
  archiveArgs(fake, { from: "2024-03-01", to: "2024-03-31", out }, "--concurrency", "4", "--json");
const env = () => credentialsEnv(fake);

beforeAll(async () => {
  fake = await startZoomFake({
    from: "2024-03-01",
    to: "2024-03-31",
    // More meetings than one page holds: the run follows page tokens.
    meetingsPerUser: 40,
    filesPerMeeting: 3,
    fileSize: { min: 64 * KiB, max: 256 * KiB },
  });
  out = mkdtempSync(join(tmpdir(), "clipkit-archive-test-"));
});
afterAll(async () => {
  // Removed first: a close that throws must not keep the folder.
  if (out) rmSync(out, { recursive: true, force: true });
  await fake?.close();
});

describe("clipkit zoom recordings archive: a month of one user, killed and re-run", () => {
  const figures = { kills: 0, resumed: 0, runs: 0 };

  it.each([
    { kill: 1, afterDone: 20 },
    { kill: 2, afterDone: 25 },
  ])(
    "SIGKILL $kill while files are mid-download: nothing half-written under a final name",
    async ({ afterDone }) => {
      // Slow bodies, so a kill lands in the middle of files.
      fake.faults.slowBody({ bytesPerSecond: 512 * KiB });
      let done = 0;
      const run = await runCli(args(), {
        env: env(),
        onEvent(event, child) {
          if (event.type === "done") done++;
          // After the Nth file, at a progress event while a `.part` is on disk: under load the
          // files in flight may all have finished by the next event, which would leave none.
          if (
            event.type === "progress" &&
            done >= afterDone &&
            !child.killed &&
            walk(out).some((path) => path.endsWith(".part"))
          ) {
            child.kill("SIGKILL");
          }
        },
      });
      fake.faults.clear();
      figures.resumed += eventsOf(run, "done").filter((e) => e.resumedFrom > 0).length;
      figures.kills++;
      figures.runs++;
      expect(run.signal).toBe("SIGKILL");
      expectNoHalfWrittenFile();
      expect(walk(out).some((path) => path.endsWith(".part"))).toBe(true);
    },
  );

  it("a re-run resumes the partial files and finishes, through 429 bursts", async () => {
    const files = fake.state.files();
    fake.faults.rateLimit({ count: 3, retryAfterSeconds: 1, on: "api" });
    fake.faults.rateLimit({ count: 2, retryAfterSeconds: 1, on: "download" });
    fake.faults.resetConnection({ count: 1, afterBytes: 10 * KiB, on: "cdn" });
    const run = await runCli(args(), { env: env() });
    figures.runs++;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const plan = eventsOf(run, "plan")[0];
    expect(plan?.files).toBe(files.length);
    expect(plan?.skipFiles).toBeGreaterThan(0);
    const resumed = eventsOf(run, "done").filter((e) => e.resumedFrom > 0);
    figures.resumed += resumed.length;
    expect(resumed.length).toBeGreaterThan(0);
    expect(eventsOf(run, "summary")[0]).toMatchObject({ failed: 0, interrupted: false });

    expect(finalFiles().sort()).toEqual([...manifest().values()].map((e) => e.path).sort());
    expect(finalFiles()).toHaveLength(files.length);
    expect(walk(out).filter((path) => /\.part/.test(path))).toEqual([]);
    for (const file of files) {
      const entry = manifest().get(file.id);
      expect(entry?.sha256).toBe(fake.state.sha256(file.id));
      expect(sha256(entry?.path ?? "")).toBe(fake.state.sha256(file.id));
    }
  });

  it("a second complete run downloads nothing; no credential ever reached the CDN", async () => {
    const cdnBefore = fake.state.cdnRequests.length;
    const downloadsBefore = fake.state.requests.filter((r) => r.target === "download").length;
    const run = await runCli(args(), { env: env() });
    figures.runs++;
    expect(run.code).toBe(0);
    expect(eventsOf(run, "plan")[0]).toMatchObject({ downloadFiles: 0, downloadBytes: 0 });
    expect(eventsOf(run, "start")).toEqual([]);
    expect(fake.state.cdnRequests.length).toBe(cdnBefore);
    expect(fake.state.requests.filter((r) => r.target === "download").length).toBe(downloadsBefore);
    expect(fake.state.cdnRequests.length).toBeGreaterThan(0);
    expect(fake.state.credentialLeaks()).toEqual([]);

    const files = fake.state.files();
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    console.log(
      `archive proof: ${files.length} files (${(bytes / KiB / KiB).toFixed(1)} MiB), ${figures.kills} SIGKILLs, ${figures.runs} runs, ${figures.resumed} files resumed from a .part, ${fake.state.cdnRequests.length} CDN requests, 0 credentials on the CDN`,
    );
  });
});
