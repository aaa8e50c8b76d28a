// The README's main job: `clipkit zoom recordings archive` against @clipkit/testing's stateful
// Zoom fake (OAuth token endpoint, one-month listing windows, expiring page tokens, downloads
// redirected to a CDN host, 429 bursts), with its progress display; then checks the archive.
// Usage: pnpm archive:demo [--out <dir>] (it builds first). Run it twice on one --out to see
// the second run download nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startZoomFake } from "@clipkit/testing";
import { repoRoot } from "./lib/workspace.ts";

const args = process.argv.slice(2);
if (args.includes("--help")) {
  console.log(`Usage: pnpm archive:demo [--out <dir>]
Starts a stateful fake of Zoom (@clipkit/testing) and archives a year of one user's recordings
with the clipkit CLI (default --out: a new temporary folder), then checks every file's sha256
against the fake's and that no credential reached the fake's CDN host.`);
  process.exit(0);
}
const outIndex = args.indexOf("--out");
const out =
  outIndex >= 0 && args[outIndex + 1]
    ? resolve(args[outIndex + 1] as string)
    : mkdtempSync(join(tmpdir(), "clipkit-archive-"));

const MiB = 1024 * 1024;
const fake = await startZoomFake({
  meetingsPerUser: 24,
  filesPerMeeting: 3,
  fileSize: { min: MiB / 2, max: 3 * MiB },
  from: "2024-01-01",
  to: "2024-12-31",
});
// A connection a real CDN would give one file, and a few 429s from the API to ride out.
fake.faults.slowBody({ bytesPerSecond: 2 * MiB });
fake.faults.rateLimit({ count: 3, retryAfterSeconds: 1 });

const cli = [
  join(repoRoot, "packages/cli/dist/bin.js"),
  "zoom",
  "recordings",
  "archive",
  "--user",
  "me",
  "--from",
  "2024-01-01",
  "--to",
  "2024-12-31",
  "--out",
  out,
  "--concurrency",
  "4",
  "--base-url",
  fake.baseUrl,
  "--token-url",
  fake.tokenUrl,
];
console.log(`$ clipkit ${cli.slice(1).join(" ")}\n`);
// Ctrl-C reaches the CLI too (same process group): let it stop cleanly, then report.
process.on("SIGINT", () => {});
const code = await new Promise<number>((done) => {
  const child = spawn(process.execPath, cli, {
    stdio: "inherit",
    env: {
      ...process.env,
      ZOOM_ACCOUNT_ID: fake.credentials.accountId,
      ZOOM_CLIENT_ID: fake.credentials.clientId,
      ZOOM_CLIENT_SECRET: fake.credentials.clientSecret,
    },
  });
  child.on("exit", (status, signal) => done(status ?? (signal ? 130 : 1)));
});

const manifest = new Map<string, { sha256: string; path: string }>();
try {
  for (const line of readFileSync(join(out, "manifest.jsonl"), "utf8").split("\n")) {
    if (line.trim()) {
      const entry = JSON.parse(line);
      manifest.set(entry.fileId, entry);
    }
  }
} catch {}
const files = fake.state.files();
const matching = files.filter((f) => manifest.get(f.id)?.sha256 === fake.state.sha256(f.id));
const leaks = fake.state.credentialLeaks().length;
console.log(`
archive: ${out}
${matching.length} of ${files.length} files in the manifest with the fake's sha256; ${fake.state.cdnRequests.length} CDN requests, ${leaks} carried a credential; clipkit exited ${code}`);
await fake.close();
process.exit(code === 0 && matching.length === files.length && leaks === 0 ? 0 : 1);
