/**
 * Upload benchmark (not a test): `pnpm bench:upload [--help]`.
 *
 * Writes a temp file (1 GiB by default), starts @clipkit/testing's Clips fake in a child process
 * (bytes are hashed as they arrive and dropped), then runs several rounds; in each, one after
 * the other in fresh child processes (bench/runner-child.mjs, plain node on the built package,
 * so no TypeScript loader is counted) whose RSS is sampled every 50 ms:
 *   - the baseline: the same file piped over loopback with plain node:http
 *     (fs.createReadStream → http.request to a plain sink server in the same child);
 *   - `uploadClip` of the file (multipart, 64 MiB parts, concurrency 4).
 * The order alternates per round. Prints, per round, both throughputs, their ratio and the
 * upload's peak RSS, and exits 1 when a round misses a goal: ratio ≥ 0.85 and peak RSS
 * < 150 MB in every round. The server's part hashes are checked against the file's.
 */
import { type ChildProcess, fork, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(`Usage: pnpm bench:upload   (a benchmark, not a test; takes minutes and ~1 GiB of disk)

Writes a BENCH_SIZE_MIB (default 1024) MiB file to the temp directory, starts the Clips fake
in a child process, then alternates, BENCH_ROUNDS (default 3) times, each in a fresh child:
  uploadClip (multipart, 64 MiB parts, concurrency 4)   vs   plain node:http piping the file
and prints peak RSS and MB/s of both side by side, with their ratio.
Goal: peak RSS < 150 MB, throughput ratio >= 0.7.`);
  process.exit(0);
}

const MiB = 1024 * 1024;
const GOAL_RATIO = 0.85;
const GOAL_RSS_BYTES = 150e6;

const USAGE = `pnpm bench:upload [--rounds N] [--size-mib N]

Uploads a temp file with uploadClip (multipart, 64 MiB parts, concurrency 4) and pipes the same
file with plain node:http, alternating, in fresh processes, for N rounds (default 3) of a
1024 MiB file. Per round: MB/s of both, their ratio and the upload's peak RSS.
Exit 1 when any round misses a goal: ratio >= ${GOAL_RATIO}, peak RSS < 150 MB.
Environment: BENCH_ROUNDS, BENCH_SIZE_MIB (the flags win).`;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const text = at === -1 ? undefined : process.argv[at + 1];
  const value = Number(text ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name}: expected a whole number ≥ 1, got ${text}\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const SIZE = flag("size-mib", Number(process.env.BENCH_SIZE_MIB ?? 1024)) * MiB;
const ROUNDS = flag("rounds", Number(process.env.BENCH_ROUNDS ?? 3));
const PART = 64 * MiB;
const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

async function writeRandomFile(path: string, size: number): Promise<void> {
  const out = createWriteStream(path);
  const block = randomBytes(MiB);
  for (let written = 0; written < size; written += MiB) {
    // A different block each MiB (cheap: a counter stamped in), never the whole file in memory.
    block.writeUInt32LE(written / MiB, 0);
    randomBytes(64).copy(block, 4 + ((written / MiB) % 1000) * 64);
    if (!out.write(Buffer.from(block)))
      await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}

function startChild(): Promise<{ child: ChildProcess; url: string; sinkUrl: string }> {
  const child = fork(fileURLToPath(new URL("./server-child.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (m: { type: string; url: string; sinkUrl: string }) =>
      resolve({ child, url: m.url, sinkUrl: m.sinkUrl }),
    );
  });
}

function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as T));
    child.send({ type });
  });
}

interface Side {
  ms: number;
  peakRss: number;
  baselineRss: number;
}

function runSide(kind: "upload" | "plain", url: string, path: string): Promise<Side> {
  const runner = fork(
    fileURLToPath(new URL("./runner-child.mjs", import.meta.url)),
    [kind, url, path, String(SIZE), String(PART)],
    { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  return new Promise((resolve, reject) => {
    let result: Side | undefined;
    runner.once("message", (m) => {
      result = m as Side;
    });
    runner.once("error", reject);
    runner.once("exit", (code) =>
      result ? resolve(result) : reject(new Error(`${kind} runner exited with ${code}`)),
    );
  });
}

async function partHashes(path: string, size: number): Promise<string> {
  const hashes: string[] = [];
  for (let start = 0; start < size; start += PART) {
    const hash = createHash("sha256");
    await pipeline(createReadStream(path, { start, end: Math.min(size, start + PART) - 1 }), hash);
    hashes.push(hash.digest("hex"));
  }
  return hashes.join(",");
}

// The measured side runs the built package (see runner-child.mjs): build it, and what it
// depends on, from the current sources first.
const built = spawnSync(
  fileURLToPath(new URL("../../../node_modules/.bin/turbo", import.meta.url)),
  ["run", "build", "--filter=@clipkit/zoom-clips", "--output-logs=errors-only"],
  { stdio: "inherit" },
);
if (built.status !== 0) {
  console.error("the build failed: nothing measured");
  process.exit(2);
}

const dir = await mkdtemp(join(tmpdir(), "clipkit-bench-"));
const file = join(dir, "bench.mp4");
let child: ChildProcess | undefined;
try {
  console.log(`writing ${SIZE / MiB} MiB to ${file} …`);
  await writeRandomFile(file, SIZE);
  const started = await startChild();
  child = started.child;
  const rounds: { pipe: Side; upload: Side }[] = [];
  const plainPipe = async () => {
    await ask(child as ChildProcess, "reset-sink");
    const side = await runSide("plain", started.sinkUrl, file);
    const sink = await ask<{ sink: { bytes: number } }>(child as ChildProcess, "stats");
    if (sink.sink.bytes !== SIZE) throw new Error(`plain pipe: sink got ${sink.sink.bytes} bytes`);
    return side;
  };
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which side goes first, so neither always meets a warmer page cache.
    let pipe: Side;
    let upload: Side;
    if (round % 2 === 1) {
      pipe = await plainPipe();
      upload = await runSide("upload", started.url, file);
    } else {
      upload = await runSide("upload", started.url, file);
      pipe = await plainPipe();
    }
    rounds.push({ pipe, upload });
    const ratio = pipe.ms / upload.ms;
    console.log(
      `round ${round}: pipe ${mbps(SIZE, pipe.ms).toFixed(0)} MB/s, uploadClip ${mbps(SIZE, upload.ms).toFixed(0)} MB/s, ` +
        `ratio ${ratio.toFixed(2)}; peak RSS uploadClip ${(upload.peakRss / 1e6).toFixed(0)} MB ` +
        `(pipe ${(pipe.peakRss / 1e6).toFixed(0)} MB)`,
    );
  }
  const stats = await ask<{ clips: { size: number; sha256: string; via: string }[] }>(
    child,
    "stats",
  );
  const expected = await partHashes(file, SIZE);
  const verified = stats.clips.every((c) => c.size === SIZE && c.sha256 === expected);
  if (!verified || stats.clips.length !== ROUNDS) {
    throw new Error("the server's part hashes differ from the file's");
  }
  console.log("");
  console.log(
    `file: ${SIZE / MiB} MiB, parts of ${PART / MiB} MiB, concurrency 4, ${ROUNDS} rounds; bytes verified (sha256 of every part)`,
  );
  const misses: string[] = [];
  rounds.forEach(({ pipe, upload }, i) => {
    const ratio = pipe.ms / upload.ms;
    if (ratio < GOAL_RATIO) {
      misses.push(`round ${i + 1}: ratio ${ratio.toFixed(3)} < ${GOAL_RATIO}`);
    }
    if (upload.peakRss >= GOAL_RSS_BYTES) {
      misses.push(`round ${i + 1}: peak RSS ${(upload.peakRss / 1e6).toFixed(0)} MB ≥ 150 MB`);
    }
  });
  const ratios = rounds.map((r) => (r.pipe.ms / r.upload.ms).toFixed(2)).join(", ");
  const peaks = rounds.map((r) => (r.upload.peakRss / 1e6).toFixed(0)).join(", ");
  console.log(`ratio to the plain pipe per round: ${ratios} (goal ≥ ${GOAL_RATIO})`);
  console.log(`uploadClip peak RSS per round: ${peaks} MB (goal < 150 MB)`);
  if (misses.length > 0) {
    console.log(`goals missed:\n  ${misses.join("\n  ")}`);
    process.exitCode = 1;
  } else console.log("every round met both goals");
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.send({ type: "stop" });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    child.kill();
  }
  await rm(dir, { recursive: true, force: true });
}
