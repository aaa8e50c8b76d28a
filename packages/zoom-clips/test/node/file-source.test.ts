import { existsSync, readdirSync } from "node:fs";
import { truncate } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { fileSource } from "../../src/node/index.js";
import { makeBytes, tempFile } from "../uploads/helpers.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function fileOf(bytes: Uint8Array, name?: string) {
  const file = await tempFile(bytes, name);
  cleanups.push(file.cleanup);
  return file;
}

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(chunk);
  return out;
}
const joined = (chunks: Uint8Array[]) => Buffer.concat(chunks);

describe("fileSource: a file read lazily, a chunk at a time", () => {
  it("takes its size from the disk, its name from the path and its type from the name", async () => {
    const file = await fileOf(makeBytes(10), "talk.webm");
    const source = await fileSource(file.path);
    expect([source.size, source.name, source.type]).toEqual([10, "talk.webm", "video/webm"]);
  });

  it("hints win over the path's name and type", async () => {
    const file = await fileOf(makeBytes(10), "talk.webm");
    const source = await fileSource(file.path, { name: "other.mp4", type: "video/mp4" });
    expect([source.name, source.type]).toEqual(["other.mp4", "video/mp4"]);
    expect((await fileSource(file.path, { name: "x.mp4" })).type).toBe("video/mp4");
  });

  it("streams the whole file in chunks of at most 256 KiB", async () => {
    const bytes = makeBytes(600 * 1024, 2);
    const source = await fileSource((await fileOf(bytes)).path);
    const chunks = await chunksOf(source.stream());
    expect(chunks.map((c) => c.byteLength)).toEqual([256 * 1024, 256 * 1024, 88 * 1024]);
    expect(joined(chunks)).toEqual(Buffer.from(bytes));
  });

  it("reads a range again from the disk on every call", async () => {
    const bytes = makeBytes(1000, 3);
    const source = await fileSource((await fileOf(bytes)).path);
    const range = () => chunksOf(source.slice?.(100, 250) as ReadableStream<Uint8Array>);
    expect(joined(await range())).toEqual(Buffer.from(bytes.subarray(100, 250)));
    expect(joined(await range())).toEqual(Buffer.from(bytes.subarray(100, 250)));
    expect(await chunksOf(source.slice?.(1000, 1000) as ReadableStream<Uint8Array>)).toEqual([]);
  });

  it("a file that shrank after it was measured fails the stream, naming where it ended", async () => {
    const bytes = makeBytes(1000, 4);
    const file = await fileOf(bytes);
    const source = await fileSource(file.path);
    await truncate(file.path, 400);
    const reader = source.stream().getReader();
    // What is there is delivered as it is, without padding…
    expect((await reader.read()).value).toEqual(new Uint8Array(bytes.subarray(0, 400)));
    // …then the stream fails.
    await expect(reader.read()).rejects.toThrow(`${file.path} ended at byte 400, before 1000`);
  });

  it.skipIf(!existsSync("/proc/self/fd"))("a failed stream leaves no file open", async () => {
    const file = await fileOf(makeBytes(1000, 7));
    const source = await fileSource(file.path);
    await truncate(file.path, 0);
    const open = () => readdirSync("/proc/self/fd").length;
    const before = open();
    await expect(chunksOf(source.stream())).rejects.toThrow(/ended at byte 0/);
    expect(open()).toBe(before);
  });

  it("a file removed after it was measured fails the stream with the system's error", async () => {
    const file = await fileOf(makeBytes(10, 5));
    const source = await fileSource(file.path);
    await file.cleanup();
    await expect(chunksOf(source.stream())).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses a directory", async () => {
    const file = await fileOf(makeBytes(1));
    const dir = file.path.slice(0, file.path.lastIndexOf("/"));
    await expect(fileSource(dir)).rejects.toThrow(new TypeError(`${dir} is not a file`));
  });
});
