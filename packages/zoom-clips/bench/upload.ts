/**
 * Upload benchmark (not a test): `pnpm bench:upload`.
 *
 * Writes a 1 GiB file to the temp directory, starts the fake file server in a child process
 * (bench mode: bytes are hashed and dropped), then, in the same run and alternating, each in a
 * fresh child process (bench/runner-child.ts) whose RSS is sampled every 50 ms:
 *   - uploads the file with `uploadClip` (multipart, 64 MiB parts, concurrency 4);
 *   - pipes the same file over loopback with plain node:http (fs.createReadStream →
 *     http.request to the server's /sink), the baseline.
 * Prints peak RSS and MB/s of both and their ratio. Goal: peak RSS < 150 MB, ratio ≥ 0.7.
 */
import { type ChildProcess, fork } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(`Usage: pnpm bench:upload   (a benchmark, not a test; takes minutes and ~1 GiB of disk)

Writes a BENCH_SIZE_MIB (default 1024) MiB file to the temp directory, starts a fake file server
in a child process, then alternates, BENCH_ROUNDS (default 3) times, each in a fresh child:
  uploadClip (multipart, 64 MiB parts, concurrency 4)   vs   plain node:http piping the file
and prints peak RSS and MB/s of both side by side, with their ratio.
Goal: peak RSS < 150 MB, throughput ratio >= 0.7.`);
  process.exit(0);
}

const MiB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_SIZE_MIB ?? 1024) * MiB;
const PART = 64 * MiB;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(new URL("./server-child.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (m: { type: string; url: string }) => resolve({ child, url: m.url }));
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
    fileURLToPath(new URL("./runner-child.ts", import.meta.url)),
    [kind, url, path, String(SIZE), String(PART)],
    { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
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

const dir = await mkdtemp(join(tmpdir(), "clipkit-bench-"));
const file = join(dir, "bench.mp4");
let child: ChildProcess | undefined;
try {
  console.log(`writing ${SIZE / MiB} MiB to ${file} …`);
  await writeRandomFile(file, SIZE);
  const started = await startChild();
  child = started.child;
  const runs: ({ kind: string } & Side)[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    await ask(child, "reset-sink");
    const pipe = await runSide("plain", started.url, file);
    const sink = await ask<{ sink: { bytes: number } }>(child, "stats");
    if (sink.sink.bytes !== SIZE) throw new Error(`plain pipe: sink got ${sink.sink.bytes} bytes`);
    runs.push({ kind: "plain node:http pipe", ...pipe });
    runs.push({ kind: "uploadClip multipart", ...(await runSide("upload", started.url, file)) });
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

  for (const run of runs) {
    console.log(
      `${run.kind.padEnd(22)} ${(run.ms / 1000).toFixed(2)} s  ${mbps(SIZE, run.ms).toFixed(0)} MB/s` +
        `  RSS ${(run.baselineRss / MiB).toFixed(0)} → peak ${(run.peakRss / MiB).toFixed(0)} MiB`,
    );
  }
  const best = (kind: string) => Math.min(...runs.filter((r) => r.kind === kind).map((r) => r.ms));
  const upload = mbps(SIZE, best("uploadClip multipart"));
  const plain = mbps(SIZE, best("plain node:http pipe"));
  const peakOf = (kind: string) =>
    Math.max(...runs.filter((r) => r.kind === kind).map((r) => r.peakRss));
  const peak = peakOf("uploadClip multipart");
  const perRound = Array.from({ length: ROUNDS }, (_, i) => {
    const [pipe, up] = [runs[2 * i], runs[2 * i + 1]] as [(typeof runs)[0], (typeof runs)[0]];
    return (pipe.ms / up.ms).toFixed(2);
  });
  console.log("");
  console.log(
    `file: ${SIZE / MiB} MiB, parts of ${PART / MiB} MiB, concurrency 4, ${ROUNDS} rounds`,
  );
  console.log(
    `peak RSS while uploading: ${(peak / MiB).toFixed(0)} MiB = ${(peak / 1e6).toFixed(0)} MB (goal < 150 MB); plain pipe: ${(peakOf("plain node:http pipe") / MiB).toFixed(0)} MiB`,
  );
  console.log(`uploadClip: ${upload.toFixed(0)} MB/s   plain pipe: ${plain.toFixed(0)} MB/s`);
  console.log(
    `ratio (best of each): ${(upload / plain).toFixed(2)} (goal ≥ 0.70); per round: ${perRound.join(", ")}`,
  );
  console.log("bytes verified: the server's sha256 of every part equals the file's");
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.send({ type: "stop" });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    child.kill();
  }
  await rm(dir, { recursive: true, force: true });
}
