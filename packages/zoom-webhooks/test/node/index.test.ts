import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sendZoomWebhook, signZoomWebhook } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createZoomWebhookHandler } from "../../src/index.js";
import { toNodeListener } from "../../src/node/index.js";
import { completedEvent, SECRET } from "../helpers.js";

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => unknown,
): Promise<string> {
  server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom/events`;
}

describe("toNodeListener (node:http, Express)", () => {
  it("verifies the streamed raw body, non-ASCII included, and runs the listener", async () => {
    const handler = createZoomWebhookHandler({ secret: SECRET });
    const topics: string[] = [];
    handler.on("recording.completed", ({ body }) => {
      topics.push(body.payload.object.topic);
    });
    const url = await listen(toNodeListener(handler));
    const response = await sendZoomWebhook(
      url,
      completedEvent("Kundengespräch — Müller & Co."),
      SECRET,
    );
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(topics).toEqual(["Kundengespräch — Müller & Co."]);
  });

  it("answers 401 to an unsigned request", async () => {
    const url = await listen(toNodeListener(createZoomWebhookHandler({ secret: SECRET })));
    const response = await fetch(url, { method: "POST", body: JSON.stringify(completedEvent()) });
    expect([response.status, await response.json()]).toEqual([401, { error: "missing_header" }]);
  });

  it("takes express.raw()'s Buffer as the raw body", async () => {
    const listener = toNodeListener(createZoomWebhookHandler({ secret: SECRET }));
    const url = await listen(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      Object.assign(req, { body: Buffer.concat(chunks) });
      await listener(req, res);
    });
    expect((await sendZoomWebhook(url, completedEvent(), SECRET)).status).toBe(200);
  });

  it("refuses (500, with the fix) when a JSON body parser already consumed the bytes", async () => {
    const listener = toNodeListener(createZoomWebhookHandler({ secret: SECRET }));
    const url = await listen(async (req, res) => {
      for await (const _ of req);
      Object.assign(req, { body: completedEvent() });
      await listener(req, res);
    });
    const response = await sendZoomWebhook(url, completedEvent(), SECRET);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("express.raw");
  });

  it("answers 413 to a body over the cap and stays up", async () => {
    const url = await listen(
      toNodeListener(createZoomWebhookHandler({ secret: SECRET, maxBodyBytes: 10_000 })),
    );
    const big = signZoomWebhook({ event: "recording.completed", pad: "x".repeat(20_000) }, SECRET);
    const response = await fetch(url, {
      method: "POST",
      headers: big.headers,
      body: big.body as Uint8Array<ArrayBuffer>,
    });
    expect(response.status).toBe(413);
    expect((await sendZoomWebhook(url, completedEvent(), SECRET)).status).toBe(200);
  });
});
