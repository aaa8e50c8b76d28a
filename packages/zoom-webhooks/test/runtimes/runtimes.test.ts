// The same signed fixtures, answered by the same web handler (bundled from src/ with esbuild)
// in Node 20, Deno, Bun (their npm packages: binaries from platform packages, nothing
// downloaded) and workerd (miniflare). A runtime that cannot start here is skipped with the
// exact reason printed.
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completedEvent, SECRET } from "../helpers.js";
import { type Fixture, fixtures, type Outcome, PLAIN_TOKEN, TOPIC } from "./fixtures.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const bin = (name: string) =>
  fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

const dir = mkdtempSync(join(tmpdir(), "zoom-webhooks-runtimes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let cases: Fixture[] = [];

/** What each fixture must get, in every runtime. */
function expectOutcomes(outcomes: Array<Pick<Outcome, "name" | "status" | "body">>, ran: string[]) {
  const by = Object.fromEntries(outcomes.map((o) => [o.name, o]));
  expect(Object.keys(by).sort()).toEqual(cases.map((c) => c.name).sort());
  expect(by.completed?.status).toBe(200);
  expect(by.unknown?.status).toBe(200);
  expect(by.url_validation?.status).toBe(200);
  expect(JSON.parse(by.url_validation?.body ?? "{}")).toEqual({
    plainToken: PLAIN_TOKEN,
    encryptedToken: createHmac("sha256", SECRET).update(PLAIN_TOKEN).digest("hex"),
  });
  for (const name of ["tampered", "stale", "unsigned"]) expect(by[name]?.status).toBe(401);
  expect(JSON.parse(by.stale?.body ?? "{}")).toEqual({ error: "stale" });
  expect(ran.sort()).toEqual([TOPIC, "clip.completed"].sort());
}

async function bundle(entry: string, define: Record<string, string>): Promise<string> {
  const out = join(dir, `${entry.replace(/\W/g, "_")}.mjs`);
  await build({
    entryPoints: [here(entry)],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    outfile: out,
    define,
    logLevel: "silent",
  });
  return out;
}

/** Why a runtime's binary cannot run here, or undefined when it can. */
function cannotRun(command: string, args: string[]): string | undefined {
  const probe = spawnSync(command, args, { encoding: "utf8", timeout: 30_000 });
  if (probe.error) return `${command} ${args.join(" ")}: ${probe.error.message}`;
  if (probe.status !== 0)
    return `${command} ${args.join(" ")} exited ${probe.status}: ${probe.stderr.trim().split("\n")[0]}`;
  return undefined;
}

/** workerd's own version line, from the binary miniflare runs. */
function workerdVersion(): string {
  const workerd = createRequire(createRequire(import.meta.url).resolve("miniflare")).resolve(
    "workerd",
  );
  const { version } = createRequire(workerd)("../package.json") as { version: string };
  return version;
}

const runtimes = [
  { name: "node", command: process.execPath, args: (file: string) => [file] },
  { name: "deno", command: bin("deno"), args: (file: string) => ["run", "--no-prompt", file] },
  { name: "bun", command: bin("bun"), args: (file: string) => [file] },
].map((runtime) => ({ ...runtime, skip: cannotRun(runtime.command, ["--version"]) }));

describe("the web handler in real runtimes", () => {
  let runner = "";
  beforeAll(async () => {
    cases = fixtures(SECRET, completedEvent(TOPIC), Math.floor(Date.now() / 1000));
    runner = await bundle("./runner.ts", {
      FIXTURES: JSON.stringify(cases),
      SECRET: JSON.stringify(SECRET),
    });
  });

  for (const runtime of runtimes) {
    if (runtime.skip)
      console.log(`zoom-webhooks runtimes: ${runtime.name} skipped: ${runtime.skip}`);
    it.skipIf(runtime.skip !== undefined)(
      `${runtime.name}: every fixture answered as in Node's unit tests`,
      () => {
        const run = spawnSync(runtime.command, runtime.args(runner), {
          encoding: "utf8",
          timeout: 60_000,
          env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
        });
        expect(run.status, run.stderr).toBe(0);
        const { runtime: version, outcomes } = JSON.parse(
          run.stdout.trim().split("\n").at(-1) ?? "{}",
        ) as {
          runtime: string;
          outcomes: Outcome[];
        };
        console.log(`zoom-webhooks runtimes: ${version}`);
        expect(version.startsWith(runtime.name)).toBe(true);
        expectOutcomes(
          outcomes,
          outcomes.flatMap((o) => (o.ran ? [o.ran] : [])),
        );
      },
      90_000,
    );
  }

  it("workerd (miniflare): every fixture answered, listeners run under ctx.waitUntil", async () => {
    const { Miniflare } = await import("miniflare");
    const script = await bundle("./worker.ts", {});
    const mf = new Miniflare({
      modules: true,
      scriptPath: script,
      // The bundle sits in a temp dir: module paths are taken relative to it, not to the cwd.
      modulesRoot: dir,
      compatibilityDate: "2026-04-01",
      bindings: { SECRET },
    });
    try {
      const outcomes = [];
      for (const fixture of cases) {
        const response = await mf.dispatchFetch("http://receiver.test/zoom/events", {
          method: "POST",
          headers: fixture.headers,
          body: Buffer.from(fixture.body, "base64"),
        });
        outcomes.push({ name: fixture.name, status: response.status, body: await response.text() });
      }
      const report = (await (await mf.dispatchFetch("http://receiver.test/ran")).json()) as {
        runtime: string;
        ran: string[];
      };
      console.log(`zoom-webhooks runtimes: workerd ${workerdVersion()} (${report.runtime})`);
      expectOutcomes(outcomes, report.ran);
    } finally {
      await mf.dispose();
    }
  }, 120_000);
});
