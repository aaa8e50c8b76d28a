import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import {
  CLIP_FILE_TYPES,
  isUploadSource,
  mediaTypeFor,
  toUploadSource,
  UPLOAD_SOURCE,
  type UploadSource,
} from "../../src/index.js";
import { bytesStream } from "../../src/uploads/source.js";
import { makeBytes } from "./helpers.js";

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(chunk);
  return out;
}

const joined = (chunks: Uint8Array[]) => Buffer.concat(chunks.map((c) => Buffer.from(c)));

describe("bytesStream: bytes as chunks of at most 256 KiB", () => {
  it("cuts at 256 KiB and ends after the last byte", async () => {
    const bytes = makeBytes(2 * 256 * 1024 + 1);
    const chunks = await chunksOf(bytesStream(bytes));
    expect(chunks.map((c) => c.byteLength)).toEqual([256 * 1024, 256 * 1024, 1]);
    expect(joined(chunks)).toEqual(Buffer.from(bytes));
  });

  it("an empty array is an empty stream", async () => {
    expect(await chunksOf(bytesStream(new Uint8Array(0)))).toEqual([]);
  });
});

describe("toUploadSource: every accepted input", () => {
  it("a Blob keeps its size, type and (File) name, and slices its ranges", async () => {
    const bytes = makeBytes(1000);
    const source = toUploadSource(new File([bytes], "talk.webm", { type: "video/webm" }));
    expect([source.size, source.name, source.type]).toEqual([1000, "talk.webm", "video/webm"]);
    expect(joined(await chunksOf(source.slice?.(10, 20) as ReadableStream<Uint8Array>))).toEqual(
      Buffer.from(bytes.subarray(10, 20)),
    );
    expect(joined(await chunksOf(source.stream()))).toEqual(Buffer.from(bytes));
  });

  it("a Blob without a name or type has neither; hints win over the Blob's own", () => {
    const plain = toUploadSource(new Blob([new Uint8Array(3)]));
    expect([plain.name, plain.type]).toEqual([undefined, undefined]);
    const hinted = toUploadSource(new File([new Uint8Array(3)], "a.mp4", { type: "video/mp4" }), {
      name: "b.webm",
      type: "video/webm",
    });
    expect([hinted.name, hinted.type]).toEqual(["b.webm", "video/webm"]);
  });

  it.each([
    ["a Uint8Array", (b: Uint8Array) => b],
    ["an ArrayBuffer", (b: Uint8Array) => b.slice().buffer],
  ])("%s is sized, re-readable and sliceable", async (_given, make) => {
    const bytes = makeBytes(300_000, 3);
    const source = toUploadSource(make(bytes), { name: "x.mp4", type: "video/mp4" });
    expect([source.size, source.name, source.type]).toEqual([300_000, "x.mp4", "video/mp4"]);
    expect(joined(await chunksOf(source.stream()))).toEqual(Buffer.from(bytes));
    expect(joined(await chunksOf(source.stream()))).toEqual(Buffer.from(bytes));
    expect(joined(await chunksOf(source.slice?.(5, 9) as ReadableStream<Uint8Array>))).toEqual(
      Buffer.from(bytes.subarray(5, 9)),
    );
  });

  it("a web stream takes its size, name and type from the hints, has no slice, and reads once", async () => {
    const stream = bytesStream(new Uint8Array([1, 2, 3]));
    const source = toUploadSource(stream, { size: 3, name: "s.mp4", type: "video/mp4" });
    expect([source.size, source.name, source.type, source.slice]).toEqual([
      3,
      "s.mp4",
      "video/mp4",
      undefined,
    ]);
    expect(source.stream()).toBe(stream);
    expect(() => source.stream()).toThrow(
      new ClipKitValidationError(
        "source",
        "a stream source can be read only once; pass a Blob, bytes or a file path to allow re-sending it",
      ),
    );
  });

  it("an async iterable (a Node Readable) becomes a stream; strings are UTF-8 encoded", async () => {
    async function* chunks() {
      yield new Uint8Array([1, 2]);
      yield "é";
    }
    const source = toUploadSource(Object.assign(chunks(), { pipe: () => {} }), {
      size: 4,
      name: "n.mp4",
      type: "video/mp4",
    });
    expect([source.size, source.name, source.type, source.slice]).toEqual([
      4,
      "n.mp4",
      "video/mp4",
      undefined,
    ]);
    const read = await chunksOf(source.stream());
    expect(read).toEqual([new Uint8Array([1, 2]), new Uint8Array([0xc3, 0xa9])]);
    expect(() => source.stream()).toThrow(/read only once/);
  });

  it("an async iterable is read only as the stream is pulled, and cancelling it returns the iterator", async () => {
    const pulled: number[] = [];
    let returned: unknown = "not returned";
    const iterator: AsyncIterator<Uint8Array> = {
      next: async () => {
        pulled.push(pulled.length);
        return { done: false, value: new Uint8Array([pulled.length]) };
      },
      return: async (reason?: unknown) => {
        returned = reason;
        return { done: true, value: undefined };
      },
    };
    const iterable = { [Symbol.asyncIterator]: () => iterator, pipe: null };
    const stream = toUploadSource(iterable).stream();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pulled).toEqual([]);
    const reader = stream.getReader();
    expect((await reader.read()).value).toEqual(new Uint8Array([1]));
    await reader.cancel("stop");
    expect(returned).toBe("stop");
  });

  it("a ready-made source is taken as it is", () => {
    const made: UploadSource = {
      [UPLOAD_SOURCE]: true,
      size: 1,
      name: "m.mp4",
      type: "video/mp4",
      stream: () => bytesStream(new Uint8Array(1)),
    };
    expect(isUploadSource(made)).toBe(true);
    expect(toUploadSource(made, { size: 99, name: "other.mp4" })).toBe(made);
  });

  it.each([
    ["a number", 42],
    ["a string", "clip.mp4"],
    ["null", null],
    ["a plain object", { size: 3 }],
  ])("refuses %s with a ClipKitValidationError that lists what it takes", (_given, input) => {
    expect(isUploadSource(input)).toBe(false);
    expect(() => toUploadSource(input as never)).toThrow(
      new ClipKitValidationError(
        "source",
        "expected a Blob, a Uint8Array/Buffer, a ReadableStream, a Node Readable (or a file path with @clipkit/zoom-clips/node)",
      ),
    );
  });
});

describe("mediaTypeFor: the type of a clip's file name", () => {
  it.each([
    ["clip.mp4", "video/mp4"],
    ["CLIP.MP4", "video/mp4"],
    ["a.b.webm", "video/webm"],
    ["clip.avi", "application/octet-stream"],
    ["mp4", "application/octet-stream"],
    ["clip.", "application/octet-stream"],
    ["clip.toString", "application/octet-stream"],
    [undefined, "application/octet-stream"],
  ])("%s is %s", (name, type) => {
    expect(mediaTypeFor(name)).toBe(type);
  });

  it("knows MP4 and WebM only, and the list cannot be changed", () => {
    expect(CLIP_FILE_TYPES).toEqual({ mp4: "video/mp4", webm: "video/webm" });
    expect(Object.isFrozen(CLIP_FILE_TYPES)).toBe(true);
  });
});
