import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, listenOnLoopback } from "../../src/http/listen.js";
import { type BodyFaults, sendChunks } from "../../src/http/send-body.js";

let server: LoopbackServer | undefined;
afterEach(() => server?.close());

async function serve(
  chunks: Buffer[],
  faults?: BodyFaults,
  onDone?: (res: ServerResponse) => void,
) {
  server = await listenOnLoopback((_req, res) => {
    res.writeHead(200, { "content-length": chunks.reduce((n, c) => n + c.length, 0) });
    void sendChunks(res, chunks, faults).then(() => onDone?.(res));
  });
  return server.origin;
}

/** Reads a body until it ends or breaks: the bytes that arrived and whether it broke. */
async function receive(url: string) {
  const response = await fetch(url);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const got: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      got.push(value);
    }
    return { bytes: Buffer.concat(got), broke: false };
  } catch {
    return { bytes: Buffer.concat(got), broke: true };
  }
}

const data = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i & 0xff));

describe("sendChunks", () => {
  it("sends every chunk in order and ends the body", async () => {
    const chunks = [data(10), data(70_000), data(3)];
    const got = await receive(await serve(chunks));
    expect(got.broke).toBe(false);
    expect(got.bytes.equals(Buffer.concat(chunks))).toBe(true);
  });

  it.each([1, 999, 1000, 1500])("cuts the connection after exactly %i bytes", async (after) => {
    const chunks = [data(1000), data(1000)];
    const got = await receive(await serve(chunks, { resetAfterBytes: after }));
    expect(got.broke).toBe(true);
    expect(got.bytes.length).toBe(after);
    expect(got.bytes.equals(Buffer.concat(chunks).subarray(0, after))).toBe(true);
  });

  it("paces the body at the given rate", async () => {
    const began = Date.now();
    const got = await receive(await serve([data(2000)], { bytesPerSecond: 5000 }));
    expect(got.bytes.length).toBe(2000);
    // 2000 bytes at 5000 B/s: 400 ms, sent in slices of 250 bytes.
    expect(Date.now() - began).toBeGreaterThanOrEqual(350);
    expect(Date.now() - began).toBeLessThan(3000);
  });

  it("paces even below 20 bytes a second, one byte at a time", async () => {
    const began = Date.now();
    const got = await receive(await serve([data(3)], { bytesPerSecond: 10 }));
    expect(got.bytes.length).toBe(3);
    // 100 ms after each byte; the body is complete (by its length) after the third byte.
    expect(Date.now() - began).toBeGreaterThanOrEqual(180);
  });

  it("stops writing once the client has gone", async () => {
    let wasDestroyed: boolean | undefined;
    const done = new Promise<void>((resolve) => {
      void serve([data(10)], { bytesPerSecond: 20 }, (res) => {
        wasDestroyed = res.destroyed;
        resolve();
      }).then(async (url) => {
        const controller = new AbortController();
        const response = await fetch(url, { signal: controller.signal });
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        controller.abort();
      });
    });
    await done;
    expect(wasDestroyed).toBe(true);
  });
});
