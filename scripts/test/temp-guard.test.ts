import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import setup, { leftovers } from "../lib/temp-guard.ts";
import { testTempDir } from "./helpers/temp-dir.ts";

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe("temp guard", () => {
  it("lists only clipkit-* entries, sorted", () => {
    const dir = testTempDir("guard");
    for (const name of ["clipkit-b-1", "other-tool", "clipkit-a-2"]) mkdirSync(join(dir, name));
    writeFileSync(join(dir, "clipkit-c.txt"), "");
    expect(leftovers(dir)).toEqual(["clipkit-a-2", "clipkit-b-1", "clipkit-c.txt"]);
  });

  it.each<{ given: string; leave: string[]; exitCode: number | undefined }>([
    { given: "a run that leaves nothing", leave: [], exitCode: undefined },
    { given: "a run that leaves something of another tool", leave: ["tsx-0"], exitCode: undefined },
    { given: "a run that leaves a clipkit-* folder", leave: ["clipkit-dl-x"], exitCode: 1 },
  ])(
    "$given: exit code $exitCode, the run's temp dir removed, TMPDIR restored",
    ({ leave, exitCode }) => {
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      const before = process.env.TMPDIR;
      const teardown = setup();
      const root = tmpdir();
      expect(root).not.toBe(before);
      for (const name of leave) mkdirSync(join(root, name));
      teardown();
      expect(process.exitCode).toBe(exitCode);
      expect(existsSync(root)).toBe(false);
      expect(process.env.TMPDIR).toBe(before);
      expect(error).toHaveBeenCalledTimes(exitCode === 1 ? 1 : 0);
    },
  );
});
