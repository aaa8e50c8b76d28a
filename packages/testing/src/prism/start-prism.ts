import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort } from "../http/free-port.js";

export interface PrismOptions {
  /** Path of the OpenAPI document to mock. */
  spec: string;
  /** How long to wait for Prism to answer, in ms. */
  startTimeoutMs?: number;
}

export interface PrismServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Everything Prism printed, for diagnosing a failed start. */
  output(): string;
  stop(): Promise<void>;
}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  let manifestPath: string;
  try {
    manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    // Prism is an optional peer dependency: users of the stateful fakes or msw skip it.
    throw new Error(
      'Prism mode needs the optional peer dependency @stoplight/prism-cli (npm install -D @stoplight/prism-cli@5), or use mode: "stateful"',
    );
  }
  const manifest = require(manifestPath) as { bin: Record<string, string> };
  const bin = manifest.bin.prism;
  if (!bin) throw new Error("@stoplight/prism-cli has no `prism` bin");
  return join(dirname(manifestPath), bin);
}

async function waitUntilListening(
  url: string,
  child: ChildProcess,
  deadline: number,
  log: () => string,
) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Prism exited with code ${child.exitCode} before listening:\n${log()}`);
    }
    try {
      // Any HTTP answer (even 404/401) means the server is up.
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`Prism did not answer at ${url} in time:\n${log()}`);
}

/**
 * Starts `prism mock --errors` on a free loopback port. `--errors` turns request-validation
 * failures into 422 problem responses, which `assertNoValidationError` catches in tests.
 */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const child = spawn(
    process.execPath,
    [prismBin(), "mock", "--host", "127.0.0.1", "--port", String(port), "--errors", options.spec],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
  );
  child.stdout?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    });
  try {
    await waitUntilListening(
      url,
      child,
      Date.now() + (options.startTimeoutMs ?? 30_000),
      () => log,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, output: () => log, stop };
}
