// Usage: tsx scripts/bench-archive.ts [--meetings N] [--mib M] (run as `pnpm bench:archive`; it
// builds first). A benchmark, not a test.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { fileURLToPath } from "node:url";
import { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { type LocalS3, startLocalS3 } from "@clipkit/testing/s3";
import { helpFlag, numberFlag } from "./lib/bench-flags.ts";
import { type BenchFakeInfo, runClipkit, startBenchFake } from "./lib/bench-processes.ts";
import { listDownloadUrls, plainArchive } from "./lib/plain-archive.mjs";

const GOAL_RATIO = 0.9;
const RSS_FLAT = 1.15;

const HELP = `Usage: pnpm bench:archive [--meetings 8] [--mib 8] [--rounds 3] [--baseline <checkout>]

Archives <meetings> × 3 files of <mib> MiB from @clipkit/testing's Zoom fake (in its own
process) at concurrency 1, 4 and 8, two ways in the same run, taking turns <rounds> times: the
clipkit CLI (a subprocess: listing, downloads, size check, sha256, manifest) and plain parallel
downloads (list the recordings, then fetch each URL with the token, follow the redirect, stream
to a file: what curl -L does). Prints MiB/s of each (the median of the rounds), the median of
the rounds' ratios, and the CLI's peak RSS; an S3 row at concurrency 4 (the CLI with --out s3://
vs the same downloads piped into AWS SDK Upload, both into a local s3rver; printed, no goal);
then the CLI's peak RSS with 4× as many files of a quarter of the size (same bytes).
Each round also runs the plain downloads as a process of their own (scripts/lib/plain-archive.mjs,
no TypeScript loader), which pays node's start-up and a cold JIT as the CLI does, and that
process again hashing each file with sha256 as it streams (what any archiver that records
checksums must do): their MiB/s and the CLI's ratios to them are printed beside (no goal; the
goal stays on the in-process plain).

--baseline: also runs the built CLI of another checkout (say, a worktree of main) in each
round, and prints its ratio beside this one's: before and after, measured side by side.

Goals (exit 1 when one is missed): clipkit ≥ ${GOAL_RATIO}× plain at each concurrency, and peak RSS
flat in the file count (4× the files: at most ${RSS_FLAT}× the peak RSS).`;

helpFlag(HELP);
const meetings = numberFlag("meetings", 8, "positive");
const mib = numberFlag("mib", 8, "positive");
const rounds = numberFlag("rounds", 3, "positive");
const baselineAt = process.argv.indexOf("--baseline");
const baseline = baselineAt === -1 ? undefined : process.argv[baselineAt + 1];
if (baselineAt !== -1 && !baseline) {
  console.error("--baseline takes the path of another checkout, built");
  process.exit(2);
}

type FakeInfo = BenchFakeInfo;

async function startFake(meetingCount: number, fileMiB: number) {
  const fake = await startBenchFake({
    from: "2024-05-01",
    to: "2024-05-31",
    meetingsPerUser: meetingCount,
    filesPerMeeting: 3,
    fileSize: Math.round(fileMiB * 1024 * 1024),
    awkwardUuids: false,
  });
  return { info: fake.info, child: { disconnect: fake.close } };
}

const PLAIN_SCRIPT = fileURLToPath(new URL("./lib/plain-archive.mjs", import.meta.url));

/** Plain parallel downloads (scripts/lib/plain-archive.mjs) in this warm process. */
const plain = (info: FakeInfo, concurrency: number, out: string) =>
  plainArchive(info.baseUrl, info.token, concurrency, out);

/** The same, as a process of its own: it pays node's start-up and a cold JIT, as the CLI does. */
function plainProcess(
  info: FakeInfo,
  concurrency: number,
  out: string,
  sha256 = false,
): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      ...[PLAIN_SCRIPT, info.baseUrl, info.token, String(concurrency), out],
      ...(sha256 ? ["sha256"] : []),
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  return new Promise((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`plain-archive.mjs exited ${code}`)),
    ),
  );
}

/** The same downloads piped into S3 multipart uploads: what a script with the AWS SDK does. */
async function plainToS3(info: FakeInfo, urls: string[], concurrency: number, s3: LocalS3) {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const response = await fetch(urls[index] as string, {
        headers: { authorization: `Bearer ${info.token}` },
      });
      const Body = Readable.fromWeb(response.body as NodeWebStream<Uint8Array>);
      await new Upload({
        client,
        params: { Bucket: "bench", Key: `plain/${index}.bin`, Body },
        partSize: 8 * 1024 * 1024,
        queueSize: 4,
      }).done();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  client.destroy();
}

/** Runs the CLI; resolves when it exits, with its peak RSS. */
async function cli(
  info: FakeInfo,
  concurrency: number,
  out: string,
  s3?: LocalS3,
  checkout?: string,
): Promise<{ peakMiB: number }> {
  const run = await runClipkit(
    [
      ...["zoom", "recordings", "archive", "--user", "me", "--from", "2024-05-01"],
      ...["--to", "2024-05-31", "--out", out, "--concurrency", String(concurrency), "--json"],
      ...["--base-url", info.baseUrl],
      ...(s3 ? ["--s3-endpoint", s3.endpoint, "--s3-path-style"] : []),
    ],
    {
      ZOOM_TOKEN: info.token,
      ...(s3 ? { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" } : {}),
    },
    checkout,
  );
  if (run.code !== 0) throw new Error(`clipkit exited ${run.code}`);
  return { peakMiB: run.peakMiB };
}

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = performance.now();
  const result = await run();
  return { seconds: (performance.now() - start) / 1000, result };
}

const fresh = () => mkdtempSync(join(tmpdir(), "clipkit-bench-"));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const files = meetings * 3;
const totalMiB = files * mib;
const misses: string[] = [];
console.log(
  `${files} files × ${mib} MiB = ${totalMiB} MiB per run, fake in its own process, ${rounds} rounds taking turns\n`,
);
console.log(
  `| concurrency | plain MiB/s | clipkit MiB/s | clipkit / plain | clipkit peak RSS | plain process MiB/s | clipkit / plain process | plain process + sha256 MiB/s | clipkit / plain process + sha256 |${baseline ? " baseline / plain |" : ""}`,
);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |${baseline ? " --- |" : ""}`);
const { info, child } = await startFake(meetings, mib);
let narrowPeak = 0;
for (const concurrency of [1, 4, 8]) {
  const plainRates: number[] = [];
  const cliRates: number[] = [];
  const ratios: number[] = [];
  const processRates: number[] = [];
  const processRatios: number[] = [];
  const hashedRates: number[] = [];
  const hashedRatios: number[] = [];
  const baselineRatios: number[] = [];
  let peak = 0;
  for (let round = 0; round < rounds; round++) {
    const dirs = [fresh(), fresh()];
    if (baseline) {
      const dir = fresh();
      const b = await timed(() => cli(info, concurrency, dir, undefined, baseline));
      rmSync(dir, { recursive: true, force: true });
      baselineRatios.push(b.seconds);
    }
    // Who goes first alternates: neither always meets a cold page cache or a warm CPU.
    const runPlain = () => timed(() => plain(info, concurrency, dirs[0] as string));
    const runCli = () => timed(() => cli(info, concurrency, dirs[1] as string));
    const [p, c] =
      round % 2 === 0
        ? [await runPlain(), await runCli()]
        : await (async () => {
            const c = await runCli();
            return [await runPlain(), c] as const;
          })();
    const ownDirs = [fresh(), fresh()];
    const own = await timed(() => plainProcess(info, concurrency, ownDirs[0] as string));
    const hashed = await timed(() => plainProcess(info, concurrency, ownDirs[1] as string, true));
    for (const dir of [...dirs, ...ownDirs]) rmSync(dir, { recursive: true, force: true });
    processRates.push(totalMiB / own.seconds);
    processRatios.push(own.seconds / c.seconds);
    hashedRates.push(totalMiB / hashed.seconds);
    hashedRatios.push(hashed.seconds / c.seconds);
    plainRates.push(totalMiB / p.seconds);
    cliRates.push(totalMiB / c.seconds);
    ratios.push(p.seconds / c.seconds);
    if (baseline) baselineRatios[round] = p.seconds / (baselineRatios[round] as number);
    peak = Math.max(peak, c.result.peakMiB);
  }
  const ratio = median(ratios);
  if (concurrency === 4) narrowPeak = peak;
  if (ratio < GOAL_RATIO)
    misses.push(`concurrency ${concurrency}: ${ratio.toFixed(2)}× < ${GOAL_RATIO}×`);
  console.log(
    `| ${concurrency} | ${median(plainRates).toFixed(0)} | ${median(cliRates).toFixed(0)} | ${ratio.toFixed(2)}× | ${peak.toFixed(0)} MiB | ${median(processRates).toFixed(0)} | ${median(processRatios).toFixed(2)}× | ${median(hashedRates).toFixed(0)} | ${median(hashedRatios).toFixed(2)}× |${baseline ? ` ${median(baselineRatios).toFixed(2)}× |` : ""}`,
  );
}

// To S3-compatible storage: the CLI (download → sha256 → multipart Upload → copy with metadata)
// beside a plain download piped into an Upload, both into the same local s3rver.
const s3 = await startLocalS3(["bench"]);
for (const concurrency of [4]) {
  const urls = await listDownloadUrls(info.baseUrl, info.token);
  const p = await timed(() => plainToS3(info, urls, concurrency, s3));
  const c = await timed(() => cli(info, concurrency, `s3://bench/clipkit-${concurrency}`, s3));
  const plainRate = totalMiB / p.seconds;
  const cliRate = totalMiB / c.seconds;
  console.log(
    `| S3, ${concurrency} | ${plainRate.toFixed(0)} | ${cliRate.toFixed(0)} | ${(cliRate / plainRate).toFixed(2)}× | ${c.result.peakMiB.toFixed(0)} MiB |`,
  );
}
await s3.close();
child.disconnect();

const many = await startFake(meetings * 4, mib / 4);
const dir = fresh();
const wide = await cli(many.info, 4, dir);
rmSync(dir, { recursive: true, force: true });
many.child.disconnect();
console.log(
  `\nclipkit peak RSS at concurrency 4 with ${files * 4} files × ${mib / 4} MiB (same bytes): ${wide.peakMiB.toFixed(0)} MiB (with ${files} files: ${narrowPeak.toFixed(0)} MiB)`,
);
if (wide.peakMiB > narrowPeak * RSS_FLAT) {
  misses.push(
    `peak RSS not flat in the file count: ${wide.peakMiB.toFixed(0)} MiB with ${files * 4} files > ${RSS_FLAT}× ${narrowPeak.toFixed(0)} MiB`,
  );
}
if (misses.length > 0) {
  console.error(`\nMissed:\n${misses.map((m) => `  ${m}`).join("\n")}`);
  process.exit(1);
}
console.log(
  `\nEvery goal met (≥ ${GOAL_RATIO}× plain at 1, 4 and 8; peak RSS flat in the file count).`,
);
