// The two processes every archive benchmark starts: the Zoom fake (its own process, options as
// JSON) and the clipkit CLI (a subprocess whose peak RSS is polled from /proc).
import { type ChildProcess, fork, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ZoomFakeOptions } from "@clipkit/testing";
import type { BenchFakeReport } from "./bench-fake-report.ts";
import { repoRoot } from "./workspace.ts";

export interface BenchFakeInfo {
  baseUrl: string;
  tokenUrl: string;
  origin: string;
  credentials: { accountId: string; clientId: string; clientSecret: string };
  token: string;
}

export interface BenchFake {
  info: BenchFakeInfo;
  /** What the fake served so far: every request (status, rate-limit category) and every file. */
  report(): Promise<BenchFakeReport>;
  close(): void;
}

export async function startBenchFake(options: ZoomFakeOptions): Promise<BenchFake> {
  const child = fork(
    fileURLToPath(new URL("./bench-zoom-fake.ts", import.meta.url)),
    [JSON.stringify(options)],
    { execArgv: ["--import", "tsx"] },
  );
  const info = await new Promise<BenchFakeInfo>((resolve) => child.once("message", resolve));
  return {
    info,
    report() {
      const answer = new Promise<BenchFakeReport>((resolve) => child.once("message", resolve));
      child.send({ type: "report" });
      return answer;
    },
    close: () => child.disconnect(),
  };
}

export interface ClipkitRun {
  code: number | null;
  /** Peak resident set size (VmHWM), polled every 20 ms. */
  peakMiB: number;
  seconds: number;
}

/**
 * Runs `clipkit <args>` (the built CLI of `checkout`, default this one) with `env` added;
 * resolves when it exits.
 */
export function runClipkit(
  args: string[],
  env: Record<string, string> = {},
  checkout = repoRoot,
): Promise<ClipkitRun> {
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(checkout, "packages/cli/dist/bin.js"), ...args],
    { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] },
  );
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (kb) peak = Math.max(peak, Number(kb[1]) / 1024);
    } catch {}
  }, 20);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearInterval(poll);
      resolve({ code, peakMiB: peak, seconds: (performance.now() - started) / 1000 });
    }),
  );
}
