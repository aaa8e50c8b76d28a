// The README's examples (examples/*.ts, type-checked with the package) run here too.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sendZoomWebhook } from "@clipkit/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { completedEvent, examples, SECRET, signedRequest as signedAt } from "./helpers.js";

// The examples run on the real clock.
const signedRequest = (event: object) =>
  signedAt(event, { timestamp: Math.floor(Date.now() / 1000) });

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe("examples/", () => {
  it("express.ts answers a signed event 200 and an unsigned one 401", async () => {
    vi.stubEnv("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET);
    vi.spyOn(console, "log").mockImplementation(() => {});
    const { app } = await import("../examples/express.js");
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server?.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom/events`;
    expect((await sendZoomWebhook(url, completedEvent(), SECRET)).status).toBe(200);
    expect((await sendZoomWebhook(url, completedEvent(), "wrong-secret")).status).toBe(401);
  });

  it("worker.ts enqueues recording.completed before answering and keeps listeners in waitUntil", async () => {
    const { default: worker } = await import("../examples/worker.js");
    const sent: unknown[] = [];
    const kept: Promise<unknown>[] = [];
    const env = {
      ZOOM_WEBHOOK_SECRET_TOKEN: SECRET,
      ARCHIVE: { send: async (message: unknown) => void sent.push(message) },
    };
    const ctx = { waitUntil: (work: Promise<unknown>) => void kept.push(work) };
    const response = await worker.fetch(signedRequest(completedEvent()), env, ctx);
    expect([response.status, sent.length, kept.length]).toEqual([200, 1, 1]);
    vi.spyOn(console, "log").mockImplementation(() => {});
    const trashed = examples["recording.trashed"] as object;
    expect((await worker.fetch(signedRequest(trashed), env, ctx)).status).toBe(200);
    await Promise.all(kept);
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining("trashed:"));
  });

  it("nextjs-route.ts's POST answers URL validation", async () => {
    vi.stubEnv("ZOOM_WEBHOOK_SECRET_TOKEN", SECRET);
    const { POST } = await import("../examples/nextjs-route.js");
    const response = await POST(signedRequest(examples["endpoint.url_validation"] as object));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ plainToken: "qgg8vlvZRS6UYooatFL8Aw" });
  });
});
