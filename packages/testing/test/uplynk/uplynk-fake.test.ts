import { createHmac } from "node:crypto";
import { deflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { startUplynkFake, type UplynkFake, type UplynkFakeOptions } from "../../src/index.js";
import { specSchemas } from "../spec-schemas.js";

const schemas = specSchemas("uplynk-clipping");

let fake: UplynkFake | undefined;
afterEach(() => fake?.close());

async function start(options: UplynkFakeOptions = {}) {
  fake = await startUplynkFake(options);
  return fake;
}

/** Signs as Uplynk documents it (the client's own signer is tested in its package). */
function signed(
  f: UplynkFake,
  path: string,
  opts: { owner?: string; key?: string; at?: number } = {},
) {
  const msg = deflateSync(
    JSON.stringify({
      _owner: opts.owner ?? f.owner,
      _timestamp: Math.floor((opts.at ?? Date.now()) / 1000),
    }),
  ).toString("base64");
  const sig = createHmac("sha256", opts.key ?? f.apiKey)
    .update(msg)
    .digest("hex");
  const url = new URL(`${f.baseUrl}${path}`);
  url.searchParams.set("msg", msg);
  url.searchParams.set("sig", sig);
  return url;
}

async function call(
  f: UplynkFake,
  method: string,
  template: string,
  path: string,
  body?: unknown,
  sign = {},
) {
  const response = await fetch(signed(f, path, sign), {
    method,
    ...(body
      ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } }
      : {}),
  });
  const json = await response.json();
  schemas.check(method, template, response.status, json);
  return { status: response.status, body: json };
}

const beam = "0123456789abcdefghijklmnopqrstuv";

describe("the Uplynk fake", () => {
  it("verifies signatures: key, owner and timestamp", async () => {
    const f = await start();
    expect((await call(f, "GET", "/clipping_draft", "/clipping_draft")).status).toBe(200);
    expect(
      (await call(f, "GET", "/clipping_draft", "/clipping_draft", undefined, { key: "wrong" }))
        .status,
    ).toBe(401);
    expect(
      (await call(f, "GET", "/clipping_draft", "/clipping_draft", undefined, { owner: "someone" }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(f, "GET", "/clipping_draft", "/clipping_draft", undefined, {
          at: Date.now() - 301_000,
        })
      ).status,
    ).toBe(401);
    const unsigned = await fetch(`${f.baseUrl}/clipping_draft`);
    expect(unsigned.status).toBe(401);
  });

  it("creates drafts whose clip completes after a few polls, with an asset", async () => {
    const f = await start({ clipPolls: 2 });
    const created = await call(f, "POST", "/clipping_draft", "/clipping_draft", {
      beam,
      title: "T",
      start: 55_000,
      duration: 10,
    });
    expect(created.status).toBe(200);
    const draft = await call(
      f,
      "GET",
      "/clipping_draft/{id}",
      `/clipping_draft/${created.body.id}`,
    );
    expect(draft.body).toMatchObject({
      frame_start_time: 55,
      frame_stop_time: 65,
      title: "T",
      beam,
    });
    const polls = [];
    for (let i = 0; i < 4; i++) {
      const list = await call(
        f,
        "GET",
        "/clip/draft_info",
        `/clip/draft_info?draft_id=${created.body.id}`,
      );
      polls.push(list.body.items[0].is_complete);
    }
    expect(polls).toEqual([false, false, true, true]);
    const clipId = f.state.drafts[0]?.clip.id;
    const clip = await call(f, "GET", "/clip/draft_info/{id}", `/clip/draft_info/${clipId}`);
    expect(clip.body.asset).toMatch(/^[0-9a-f]{32}$/);
    expect(
      (await call(f, "DELETE", "/clipping_draft/{id}", `/clipping_draft/${created.body.id}`)).body
        .message,
    ).toBe("Deleted");
    expect((await call(f, "GET", "/clipping_draft", "/clipping_draft")).body.total_items).toBe(0);
  });

  it.each([
    { beam, start: 1, stop_time: "2024-01-03T17:52:39Z" },
    { beam, start: 1 },
    { beam, start: 5000, stop: 1000 },
  ])("refuses %j with 400", async (body) => {
    const f = await start();
    expect((await call(f, "POST", "/clipping_draft", "/clipping_draft", body)).status).toBe(400);
  });

  it("answers Prism's 422 for a request the spec forbids, when asked to validate", async () => {
    const f = await start({ validateRequests: true });
    const response = await fetch(signed(f, "/clipping_draft"), {
      method: "POST",
      body: JSON.stringify({ beam, start: 1 }),
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(422);
    expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")[0]).toMatchObject({
      severity: "Error",
      location: ["body"],
    });
  });

  it("has the fault switches: 429 with Retry-After, 5xx, reset", async () => {
    const f = await start();
    f.faults.rateLimit({ retryAfterSeconds: 2 });
    const limited = await fetch(signed(f, "/clipping_draft"));
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "2"]);
    f.faults.serverError({ status: 502 });
    expect((await fetch(signed(f, "/clipping_draft"))).status).toBe(502);
    f.faults.resetConnection();
    await expect(fetch(signed(f, "/clipping_draft"))).rejects.toThrow();
    expect((await fetch(signed(f, "/clipping_draft"))).status).toBe(200);
    expect(f.state.requests.map((r) => r.status)).toEqual([429, 502, 0, 200]);
  });
});
