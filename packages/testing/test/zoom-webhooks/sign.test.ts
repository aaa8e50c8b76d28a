import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { zoomWebhookExamples } from "../../src/zoom-webhooks/examples.js";
import { sendZoomWebhook, signZoomWebhook } from "../../src/zoom-webhooks/sign.js";

const SECRET = "s3cret";

/** Zoom's rule computed with Web Crypto, independently of the node:crypto signer. */
async function expected(timestamp: string, body: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const prefix = new TextEncoder().encode(`v0:${timestamp}:`);
  const message = new Uint8Array([...prefix, ...body]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  return `v0=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe("signZoomWebhook", () => {
  it.each([
    { given: "an object (sent as JSON.stringify)", event: { event: "recording.started", n: 1 } },
    {
      given: "text with odd spacing and non-ASCII",
      event: '{ "topic" :\t"Kundengespräch — Müller & Co." }\n',
    },
    { given: "bytes", event: new Uint8Array([0x7b, 0xc3, 0xa4, 0x7d]) },
  ])("signs $given: v0= + hex HMAC of v0:{timestamp}:{bytes}", async ({ event }) => {
    const signed = signZoomWebhook(event, SECRET, { timestamp: 1_700_000_000 });
    const bytes =
      event instanceof Uint8Array
        ? event
        : new TextEncoder().encode(typeof event === "string" ? event : JSON.stringify(event));
    expect(signed.body).toEqual(bytes);
    expect(signed.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(signed.headers["x-zm-request-timestamp"]).toBe("1700000000");
    expect(signed.headers["x-zm-signature"]).toBe(await expected("1700000000", bytes));
  });

  it("stamps the current time in seconds by default", () => {
    const before = Math.floor(Date.now() / 1000);
    const stamp = Number(signZoomWebhook({}, SECRET).headers["x-zm-request-timestamp"]);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(before + 2);
  });
});

describe("sendZoomWebhook", () => {
  it("POSTs the signed bytes with Zoom's headers; extra headers win", async () => {
    const got: Array<{ headers: Record<string, unknown>; body: Buffer }> = [];
    const listening = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      got.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = 204;
      res.end();
    });
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/hook`;
    const event = { event: "recording.completed", topic: "Müller" };
    const response = await sendZoomWebhook(url, event, SECRET, {
      timestamp: 1_700_000_000,
      headers: { "x-zm-request-timestamp": "1" },
    });
    expect(response.status).toBe(204);
    const [request] = got;
    expect(request?.body.toString("utf8")).toBe(JSON.stringify(event));
    expect(request?.headers["x-zm-signature"]).toBe(
      await expected("1700000000", new TextEncoder().encode(JSON.stringify(event))),
    );
    expect(request?.headers["x-zm-request-timestamp"]).toBe("1");
    expect(request?.headers["user-agent"]).toBe("Zoom Marketplace/1.0a");
  });
});

describe("zoomWebhookExamples", () => {
  it("gives the spec's example of every event, as fresh copies", () => {
    const examples = zoomWebhookExamples();
    expect(Object.keys(examples)).toHaveLength(19);
    expect(examples["endpoint.url_validation"]?.payload).toEqual({
      plainToken: "qgg8vlvZRS6UYooatFL8Aw",
    });
    for (const [name, example] of Object.entries(examples)) expect(example.event).toBe(name);
    expect(typeof examples["recording.completed"]?.download_token).toBe("string");
    (examples["recording.completed"] as { event: string }).event = "changed";
    expect(zoomWebhookExamples()["recording.completed"]?.event).toBe("recording.completed");
  });
});
