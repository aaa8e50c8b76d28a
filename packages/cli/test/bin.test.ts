// The built bin end to end: what the in-process suites cannot see (the shebang, the exit
// code reaching the process, the version read next to dist/).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "./run-cli.js";

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

  it("bad usage: exit 2 from the process, one line on stderr", async () => {
    const run = await runCli(["zoom", "recordings", "archive", "--user", "me"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: required option '--from <date>' not specified\n/);
    expect(run.stdout).toBe("");
  });
});
