import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { sendChunks } from "../../src/http/send-body.js";

describe("sendChunks", () => {
  it("leaves no listener behind per backpressure wait (a slow reader of a long body)", async () => {
    const counts: number[] = [];
    const server = createServer((_req, res) => {
      const chunks = Array.from({ length: 64 }, () => Buffer.alloc(64 * 1024, 1));
      void sendChunks(res, chunks).then(() =>
        counts.push(res.listenerCount("close"), res.listenerCount("drain")),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    server.close();
    expect(bytes).toBe(64 * 64 * 1024);
    // Node's own listeners stay (a few); one per wait would be dozens here.
    expect(counts[0]).toBeLessThan(5);
    expect(counts[1]).toBe(0);
  });
});
