// The Uplynk fake's rules beyond the main flow: times, listings, lookups, errors, the request log.
import { createHmac } from "node:crypto";
import { deflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.js";
import { startUplynkFake, type UplynkFake, type UplynkFakeOptions } from "../../src/index.js";

let fake: UplynkFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
async function start(options: UplynkFakeOptions = {}) {
  fake = await startUplynkFake(options);
  return fake;
}

function signed(f: UplynkFake, path: string, at = f.clock.now()) {
  const msg = deflateSync(
    JSON.stringify({ _owner: f.owner, _timestamp: Math.floor(at / 1000) }),
  ).toString("base64");
  const url = new URL(`${f.baseUrl}${path}`);
  url.searchParams.set("msg", msg);
  url.searchParams.set("sig", createHmac("sha256", f.apiKey).update(msg).digest("hex"));
  return url;
}

async function send(f: UplynkFake, method: string, path: string, body?: unknown) {
  const response = await fetch(signed(f, path), {
    method,
    ...(body === undefined
      ? {}
      : {
          body: typeof body === "string" ? body : JSON.stringify(body),
          headers: { "content-type": "application/json" },
        }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: plain JSON answers.
  return { status: response.status, body: (await response.json()) as any };
}

const beam = "0123456789abcdefghijklmnopqrstuv";

describe("the Uplynk fake's options", () => {
  it("has fixed fake credentials by default and takes its own", async () => {
    const f = await start();
    expect(f.owner).toBe("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    expect(f.apiKey).toBe("fake-uplynk-api-key");
    expect(f.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v4$/);
    const g = await startUplynkFake({ owner: "me", apiKey: "k" });
    try {
      expect([g.owner, g.apiKey]).toEqual(["me", "k"]);
      expect((await send(g, "GET", "/clipping_draft")).status).toBe(200);
    } finally {
      await g.close();
    }
  });

  it("checks timestamps against its clock, with the given skew", async () => {
    let now = Date.UTC(2030, 0, 1);
    const f = await start({ clock: createClock(() => now), maxSkewSeconds: 5 });
    expect((await fetch(signed(f, "/clipping_draft", now - 5_000))).status).toBe(200);
    expect((await fetch(signed(f, "/clipping_draft", now - 6_000))).status).toBe(401);
    now += 1_000;
    expect((await fetch(signed(f, "/clipping_draft", Date.now()))).status).toBe(401);
  });

  it("answers an unsigned request 401 with Uplynk's error body, a foreign owner 403", async () => {
    const f = await start();
    const unsigned = await fetch(`${f.baseUrl}/clipping_draft`);
    expect(await unsigned.json()).toEqual({
      error: "Unauthorized",
      message: "Missing or invalid msg/sig signature.",
    });
    const msg = deflateSync(
      JSON.stringify({ _owner: "x", _timestamp: Math.floor(Date.now() / 1000) }),
    ).toString("base64");
    const url = new URL(`${f.baseUrl}/clipping_draft`);
    url.searchParams.set("msg", msg);
    url.searchParams.set("sig", createHmac("sha256", f.apiKey).update(msg).digest("hex"));
    const foreign = await fetch(url);
    expect([foreign.status, await foreign.json()]).toEqual([
      403,
      { error: "Forbidden", message: "The signature's owner does not own this account." },
    ]);
  });
});

describe("drafts", () => {
  it("take start and stop in ms, and a duration in seconds", async () => {
    const f = await start();
    await send(f, "POST", "/clipping_draft", { beam, start: 2_000, stop: 4_500 });
    await send(f, "POST", "/clipping_draft", { beam, start: 1_000, duration: 3 });
    expect(f.state.drafts.map((d) => [d.frameStart, d.frameStop])).toEqual([
      [2, 4.5],
      [1, 4],
    ]);
  });

  it("take wall-clock times as seconds into their hour", async () => {
    const f = await start();
    const created = await send(f, "POST", "/clipping_draft", {
      beam,
      start_time: "2024-01-03T17:02:03Z",
      stop_time: "2024-01-03T17:05:00Z",
    });
    expect(created.status).toBe(200);
    await send(f, "POST", "/clipping_draft", {
      beam,
      start_time: "2024-01-03T18:59:50Z",
      duration: 5,
    });
    expect(f.state.drafts.map((d) => [d.frameStart, d.frameStop])).toEqual([
      [123, 300],
      [3590, 3595],
    ]);
  });

  it("are stored with a title, a beam and the clock's creation time", async () => {
    const f = await start({ clock: createClock(() => Date.UTC(2030, 4, 6, 7, 8, 9, 10)) });
    const created = await send(f, "POST", "/clipping_draft", {
      beam,
      start: 0,
      stop: 1000,
      title: "Goal",
    });
    const id = created.body.id;
    expect(created.body).toEqual({
      "@id": `/api/v4/clipping_draft/${id}`,
      "@type": "ClippingDraft",
      id,
    });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const draft = await send(f, "GET", `/clipping_draft/${id}`);
    expect(draft.body).toEqual({
      "@id": `/api/v4/clipping_draft/${id}`,
      "@type": "ClippingDraft",
      id,
      beam,
      title: "Goal",
      created: "2030-05-06T07:08:09.010000Z",
      frame_start_time: 0,
      frame_stop_time: 1,
    });
    await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    expect(f.state.drafts[1]?.title).toBe("");
    const all = await send(f, "GET", "/clipping_draft");
    expect(all.body).toMatchObject({
      "@id": "/api/v4/clipping_draft",
      "@type": "Collection",
      total_items: 2,
    });
    expect(all.body.items.map((d: { id: string }) => d.id)).toEqual(
      f.state.drafts.map((d) => d.id),
    );
  });

  it.each([
    { name: "a body that is not JSON", body: "{oops", message: "The request could not be parsed." },
    {
      name: "a clip that stops where it starts",
      body: { beam, start: 1000, stop: 1000 },
      message: "The clip must stop after it starts.",
    },
    {
      name: "wall-clock times that go backwards",
      body: { beam, start_time: "2024-01-03T17:05:00Z", stop_time: "2024-01-03T17:04:00Z" },
      message: "The clip must stop after it starts.",
    },
  ])("refuse $name with 400", async ({ body, message }) => {
    const f = await start();
    expect(await send(f, "POST", "/clipping_draft", body)).toEqual({
      status: 400,
      body: { error: "Bad Request", message },
    });
    expect(f.state.drafts).toEqual([]);
  });

  it("refuse what the spec forbids with its validator's messages", async () => {
    const f = await start();
    const answer = await send(f, "POST", "/clipping_draft", { start: 1, stop: 2 });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("Bad Request");
    expect(answer.body.message).toContain("request body must have required property 'beam'");
  });

  it("answer 404 for an unknown draft, clip or route", async () => {
    const f = await start();
    expect(await send(f, "GET", "/clipping_draft/nope")).toEqual({
      status: 404,
      body: { error: "Not Found", message: "No draft clip with this ID." },
    });
    expect(await send(f, "DELETE", "/clipping_draft/nope")).toMatchObject({ status: 404 });
    expect(await send(f, "GET", "/clip/draft_info/nope")).toEqual({
      status: 404,
      body: { error: "Not Found", message: "No clip with this ID." },
    });
    expect(await send(f, "PUT", "/clipping_draft")).toEqual({
      status: 404,
      body: { error: "Not Found", message: "No route for PUT /api/v4/clipping_draft." },
    });
    const created = await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    expect((await send(f, "PATCH", `/clipping_draft/${created.body.id}`)).status).toBe(404);
    expect((await send(f, "POST", "/clip/draft_info")).status).toBe(404);
    // A draft and a clip exist now: only their own paths, whole, reach them.
    const clip = f.state.drafts[0]?.clip.id;
    expect((await send(f, "GET", "/clip/draft_info/nope")).status).toBe(404);
    for (const [method, path] of [
      ["GET", `/x/clipping_draft/${created.body.id}`],
      ["GET", `/clipping_draft/${created.body.id}/more`],
      ["GET", `/x/clip/draft_info/${clip}`],
      ["GET", `/clip/draft_info/${clip}/more`],
      ["POST", `/clip/draft_info/${clip}`],
    ] as const) {
      expect(await send(f, method, path), `${method} ${path}`).toEqual({
        status: 404,
        body: { error: "Not Found", message: `No route for ${method} /api/v4${path}.` },
      });
    }
  });

  it("delete one draft, leaving the others", async () => {
    const f = await start();
    const a = await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    const b = await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    const deleted = await send(f, "DELETE", `/clipping_draft/${b.body.id}`);
    expect(deleted.body).toEqual({
      message: "Deleted",
      "@id": `/api/v4/clipping_draft/${b.body.id}`,
      "@type": "ClippingDraft",
    });
    expect(f.state.drafts.map((d) => d.id)).toEqual([a.body.id]);
  });
});

describe("clips", () => {
  it("complete after the set polls, each read counting, with one asset for good", async () => {
    const f = await start({ clipPolls: 1 });
    const created = await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    const clip = f.state.drafts[0]?.clip;
    expect(clip).toMatchObject({ asset: "", pollsLeft: 1 });
    const first = await send(f, "GET", `/clip/draft_info/${clip?.id}`);
    expect(first.body).toEqual({
      "@id": `/clip/draft_info/${clip?.id}`,
      "@type": "Clip",
      id: clip?.id,
      draft_id: created.body.id,
      asset: "",
      is_complete: false,
    });
    const second = await send(f, "GET", `/clip/draft_info/${clip?.id}`);
    expect(second.body.is_complete).toBe(true);
    const third = await send(f, "GET", `/clip/draft_info/${clip?.id}`);
    expect(third.body.asset).toBe(second.body.asset);
  });

  it("complete at once with clipPolls 0, and list every draft's clip without a filter", async () => {
    const f = await start({ clipPolls: 0 });
    const a = await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    const all = await send(f, "GET", "/clip/draft_info");
    expect(all.body).toMatchObject({
      "@id": "/clip/draft_info",
      "@type": "Collection",
      total_items: 2,
    });
    expect(all.body.items.every((c: { is_complete: boolean }) => c.is_complete)).toBe(true);
    const one = await send(f, "GET", `/clip/draft_info?draft_id=${a.body.id}`);
    expect(one.body.items.map((c: { draft_id: string }) => c.draft_id)).toEqual([a.body.id]);
    expect((await send(f, "GET", "/clip/draft_info?draft_id=nope")).body.total_items).toBe(0);
  });
});

describe("limits and failures", () => {
  it("list the clips of the last 1000 drafts", async () => {
    const f = await start();
    await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    const [first] = f.state.drafts;
    if (!first) throw new Error("no draft");
    for (let i = 0; i < 1000; i++)
      f.state.drafts.push({ ...first, id: `d${i}`, clip: { ...first.clip, id: `c${i}` } });
    const all = await send(f, "GET", "/clip/draft_info");
    expect(all.body.total_items).toBe(1000);
    expect(all.body.items[0].draft_id).toBe("d0");
  });

  it("answer a route's unexpected failure with 500 in Uplynk's shape", async () => {
    const f = await start();
    await send(f, "POST", "/clipping_draft", { beam, start: 0, stop: 1000 });
    // A malformed percent-escape makes decodeURIComponent throw inside the route's lookup.
    expect(await send(f, "GET", "/clipping_draft/%E0%A4%A")).toEqual({
      status: 500,
      body: { error: "Server Error", message: "The fake failed." },
    });
  });
});

describe("faults and the request log", () => {
  it("answer Uplynk-shaped fault bodies and log each request's path without the signature", async () => {
    const f = await start();
    f.faults.rateLimit();
    const limited = await send(f, "GET", "/clipping_draft");
    expect(limited).toEqual({
      status: 429,
      body: { error: "Too Many Requests", message: "Slow down." },
    });
    f.faults.serverError();
    expect(await send(f, "GET", "/clipping_draft")).toEqual({
      status: 500,
      body: { error: "Server Error", message: "Injected fault." },
    });
    await send(f, "GET", "/clipping_draft");
    expect(f.state.requests).toEqual([
      { method: "GET", path: "/api/v4/clipping_draft", status: 429 },
      { method: "GET", path: "/api/v4/clipping_draft", status: 500 },
      { method: "GET", path: "/api/v4/clipping_draft", status: 200 },
    ]);
  });

  it("check requests against the spec only when asked", async () => {
    const f = await start({ validateRequests: true });
    const response = await fetch(signed(f, "/clipping_draft"), {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(422);
    expect(f.state.requests).toHaveLength(0);
  });
});
