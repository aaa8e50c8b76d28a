// The built bin end to end: what the in-process suites cannot see (the shebang, the exit
// code reaching the process, the version read next to dist/).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startZoomFake } from "@clipkit/testing";
import { describe, expect, it, onTestFinished } from "vitest";
import { archiveArgs, BIN, credentialsEnv, runCli } from "./run-cli.js";

const { version } = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
) as { version: string };

describe("the built clipkit bin", () => {
  it("starts with a node shebang", () => {
    expect(readFileSync(BIN, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("--version: the package's version, exit 0", async () => {
    const run = await runCli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it("a reader that goes away (`clipkit … --help | head -1`): exit 0, no stack trace", async () => {
    const child = spawn(process.execPath, [BIN, "zoom", "recordings", "archive", "--help"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The reading end closes before the help is written: every write meets EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("an S3 endpoint that refuses: exit 1, its one line on stderr and no AWS SDK warning about the Node version", async () => {
    // Nothing listens there. On Node 20 the AWS SDK warns in nine lines, on every run, that
    // its releases after January 2027 need Node 22: the CLI pins its SDK, so not the user's to act on.
    const port = await freePort();
    const run = await runCli(
      [
        ...["zoom", "recordings", "archive", "--user", "me", "--from", "2024-05-01"],
        ...[
          "--out",
          "s3://bucket/p",
          "--s3-endpoint",
          `http://127.0.0.1:${port}`,
          "--s3-path-style",
        ],
      ],
      {
        env: {
          ZOOM_TOKEN: "t0ken-for-s3",
          AWS_ACCESS_KEY_ID: "k",
          AWS_SECRET_ACCESS_KEY: "s3cret",
        },
      },
    );
    expect(run.stderr).toBe(
      "clipkit: s3://bucket: the endpoint cannot be reached (ECONNREFUSED)\n",
    );
    expect(run.code).toBe(1);
  });

  it("bad usage: exit 2 from the process, one line on stderr", async () => {
    const run = await runCli(["zoom", "recordings", "archive", "--user", "me"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: required option '--from <date>' not specified\n/);
    expect(run.stdout).toBe("");
  });

  it("`recordings archive` loads neither the Zoom Clips nor the webhooks package (each command loads what it runs)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clipkit-loads-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    // A module hook that names every file the run loads, on stderr.
    writeFileSync(
      join(dir, "hooks.mjs"),
      'export async function load(url, context, next) {\n  if (url.startsWith("file:")) process.stderr.write("loaded " + url + "\\n");\n  return next(url, context);\n}\n',
    );
    writeFileSync(
      join(dir, "register.mjs"),
      'import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n',
    );
    const fake = await startZoomFake({
      from: "2024-03-01",
      to: "2024-03-31",
      meetingsPerUser: 1,
      filesPerMeeting: 1,
      fileSize: 1024,
    });
    onTestFinished(() => fake.close());
    const run = await runCli(
      archiveArgs(fake, { from: "2024-03-01", to: "2024-03-31", out: join(dir, "out") }, "--json"),
      { env: { ...credentialsEnv(fake), NODE_OPTIONS: `--import ${join(dir, "register.mjs")}` } },
    );
    const loaded = run.stderr.split("\n").filter((line) => line.startsWith("loaded "));
    expect(run.code).toBe(0);
    // What the run needs is seen loading: the hook works.
    expect(loaded.some((line) => line.includes("/zoom-cloud-recording/"))).toBe(true);
    expect(loaded.filter((line) => /\/zoom-(clips|webhooks)\//.test(line))).toEqual([]);
  });
});
