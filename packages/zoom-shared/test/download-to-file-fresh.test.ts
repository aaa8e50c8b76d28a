// `freshFolder`: the caller just made the folder, so the download makes no file-system call
// for an earlier attempt's bookkeeping. Counted on node:fs/promises itself (a module mock, in a
// file of its own so that no other test runs under it).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Download } from "@clipkit/core/internal";
import { beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";

const calls = vi.hoisted(() => [] as string[]);
vi.mock("node:fs/promises", async (original) => {
  const real = await original<typeof import("node:fs/promises")>();
  const counted =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(`${name} ${String(args[0]).split("/").pop()}`);
      return fn(...args);
    };
  return {
    ...real,
    readFile: counted("readFile", real.readFile),
    rm: counted("rm", real.rm),
    stat: counted("stat", real.stat),
  };
});

const { downloadToFile } = await import("../src/node/download-to-file.js");

const FILE = new TextEncoder().encode("0123456789");

function whole(): Download {
  return {
    url: "https://file.example/f",
    start: 0,
    totalBytes: FILE.length,
    contentType: "video/mp4",
    validator: '"v1"',
    stream: new ReadableStream({
      start(controller) {
        controller.enqueue(FILE.slice());
        controller.close();
      },
    }),
  };
}

function folder() {
  const dir = mkdtempSync(join(tmpdir(), "clipkit-dl-fresh-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("downloadToFile in a folder the caller just made", () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it("looks for no earlier attempt and clears none", async () => {
    const dir = folder();
    const result = await downloadToFile(async () => whole(), join(dir, "f.mp4"), {
      freshFolder: true,
    });
    expect(result.bytes).toBe(FILE.length);
    expect(readFileSync(join(dir, "f.mp4"))).toEqual(Buffer.from(FILE));
    expect(readdirSync(dir)).toEqual(["f.mp4"]);
    expect(calls).toEqual([]);
  });

  it("with resume: false still clears an earlier attempt's bookkeeping (the calls it saves)", async () => {
    const dir = folder();
    await downloadToFile(async () => whole(), join(dir, "f.mp4"), { resume: false });
    expect(calls).toEqual(["rm f.mp4.part.json"]);
  });
});
