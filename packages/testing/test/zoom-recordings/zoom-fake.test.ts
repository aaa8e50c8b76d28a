import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startZoomFake, type ZoomFake, type ZoomFakeOptions } from "../../src/index.js";
import { accountRateLimits } from "../../src/zoom/account-rate-limits.js";
import { specSchemas } from "../spec-schemas.js";

const schemas = specSchemas("zoom-cloud-recording");
const LIST = "/users/{userId}/recordings";
const sha = (bytes: ArrayBuffer | Uint8Array) =>
  createHash("sha256").update(new Uint8Array(bytes)).digest("hex");

let fake: ZoomFake | undefined;
afterEach(() => fake?.close());

async function start(options: ZoomFakeOptions = {}) {
  fake = await startZoomFake(options);
  return fake;
}

async function token(f: ZoomFake): Promise<string> {
  const basic = Buffer.from(`${f.credentials.clientId}:${f.credentials.clientSecret}`).toString(
    "base64",
  );
  const response = await fetch(f.tokenUrl, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "account_credentials",
      account_id: f.credentials.accountId,
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** GETs a listing and checks the answer against the spec's schema for its status. */
async function list(f: ZoomFake, bearer: string, query: Record<string, string>, user = "me") {
  const response = await fetch(
    `${f.baseUrl}/users/${encodeURIComponent(user)}/recordings?${new URLSearchParams(query)}`,
    {
      headers: { authorization: `Bearer ${bearer}` },
    },
  );
  // biome-ignore lint/suspicious/noExplicitAny: checked against the spec's schema just below.
  const body: any = await response.json();
  // The spec documents no 5xx; a fault's answer must still be Zoom's error body.
  if (response.status >= 500) expect(schemas.schema("ZoomError")(body)).toBe(true);
  else schemas.check("GET", LIST, response.status, body);
  return { status: response.status, body, headers: response.headers };
}

async function listAll(f: ZoomFake, bearer: string, query: Record<string, string>) {
  const meetings = [];
  let next = "";
  do {
    const page = await list(f, bearer, { ...query, ...(next ? { next_page_token: next } : {}) });
    expect(page.status).toBe(200);
    meetings.push(...page.body.meetings);
    next = page.body.next_page_token;
  } while (next);
  return meetings;
}

describe("Server-to-Server OAuth", () => {
  it("issues a token for the app's credentials and refuses others", async () => {
    const f = await start();
    const t = await token(f);
    expect(t).toMatch(/^fake_at_/);
    const wrong = await fetch(f.tokenUrl, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("x:y").toString("base64")}` },
      body: new URLSearchParams({ grant_type: "account_credentials", account_id: "a" }),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      reason: "Invalid client_id or client_secret",
      error: "invalid_client",
    });
    const query = await fetch(
      `${f.tokenUrl}?grant_type=account_credentials&account_id=${f.credentials.accountId}`,
      {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${f.credentials.clientId}:${f.credentials.clientSecret}`).toString("base64")}`,
        },
      },
    );
    expect(query.status).toBe(200);
    expect(f.state.tokensIssued()).toBe(2);
  });

  it("expires tokens after expires_in on the fake's clock: 401 with code 124", async () => {
    const f = await start({ tokenTtlSeconds: 60 });
    const t = await token(f);
    expect((await list(f, t, { from: "2024-01-01", to: "2024-01-31" })).status).toBe(200);
    f.clock.advance(60_000);
    const late = await list(f, t, { from: "2024-01-01", to: "2024-01-31" });
    expect(late).toMatchObject({
      status: 401,
      body: { code: 124, message: "Access token is expired." },
    });
    expect((await list(f, "made-up", {})).body).toEqual({
      code: 124,
      message: "Invalid access token.",
    });
  });

  it("expireTokens() expires every token at once", async () => {
    const f = await start();
    const t = await token(f);
    f.faults.expireTokens();
    expect((await list(f, t, {})).status).toBe(401);
    expect((await list(f, await token(f), {})).status).toBe(200);
  });
});

describe("GET /users/{userId}/recordings", () => {
  it("pages with real tokens over every meeting of the range, newest first, each once", async () => {
    const f = await start({ meetingsPerUser: 40, from: "2024-03-01", to: "2024-03-31" });
    const t = await token(f);
    const first = await list(f, t, { from: "2024-03-01", to: "2024-03-31", page_size: "15" });
    expect(first.body).toMatchObject({
      from: "2024-03-01",
      to: "2024-03-31",
      page_size: 15,
      page_count: 3,
      total_records: 40,
    });
    expect(first.body.next_page_token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(first.headers.get("x-zm-trackingid")).toMatch(/^v=2\.0;/);
    const meetings = await listAll(f, t, { from: "2024-03-01", to: "2024-03-31", page_size: "15" });
    expect(meetings).toHaveLength(40);
    expect(new Set(meetings.map((m) => m.uuid)).size).toBe(40);
    const starts = meetings.map((m) => m.start_time);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it("lists only the range's meetings, by user id, email or me", async () => {
    const f = await start({ users: 2, meetingsPerUser: 24 });
    const t = await token(f);
    const [first, second] = f.state.users;
    const jan = await list(f, t, { from: "2024-01-01", to: "2024-01-31" }, second?.email);
    expect(jan.body.meetings.length).toBeGreaterThan(0);
    for (const meeting of jan.body.meetings) {
      expect(meeting.host_id).toBe(second?.id);
      expect(meeting.start_time.slice(0, 7)).toBe("2024-01");
    }
    const me = await list(f, t, { from: "2024-01-01", to: "2024-01-31" }, "me");
    expect(me.body.meetings[0].host_id).toBe(first?.id);
    expect((await list(f, t, {}, "nobody@example.com")).body.code).toBe(1001);
  });

  it.each([
    { from: "2024-01-01", to: "2024-01-31", status: 200 },
    { from: "2024-01-01", to: "2024-02-01", status: 400 },
    { from: "2025-02-01", to: "2025-02-28", status: 200 },
    { from: "2025-02-01", to: "2025-03-02", status: 400 },
    { from: "2024-01-31", to: "2024-02-29", status: 200 },
    { from: "2024-01-15", to: "2024-02-15", status: 400 },
    { from: "2024-02-10", to: "2024-02-01", status: 400 },
    { from: "2024-02-30", to: "2024-03-01", status: 400 },
  ])(
    "from $from to $to: $status (at most one calendar month, code 300)",
    async ({ from, to, status }) => {
      const f = await start();
      const answer = await list(f, await token(f), { from, to });
      expect(answer.status).toBe(status);
      if (status === 400) expect(answer.body.code).toBe(300);
    },
  );

  it("rejects a page_size outside 1..300 and a page token that expired after 15 minutes", async () => {
    const f = await start({ meetingsPerUser: 10, from: "2024-05-01", to: "2024-05-20" });
    const t = await token(f);
    expect((await list(f, t, { page_size: "301" })).body.code).toBe(300);
    const first = await list(f, t, { from: "2024-05-01", to: "2024-05-31", page_size: "3" });
    const next = first.body.next_page_token;
    f.clock.advance(14 * 60_000);
    expect(
      (await list(f, t, { from: "2024-05-01", to: "2024-05-31", next_page_token: next })).status,
    ).toBe(200);
    f.clock.advance(60_000);
    const expired = await list(f, t, {
      from: "2024-05-01",
      to: "2024-05-31",
      next_page_token: next,
    });
    expect(expired.body).toEqual({
      code: 300,
      message: "The next page token is invalid or expired.",
    });
    expect((await list(f, t, { next_page_token: "made-up" })).status).toBe(400);
  });

  it("generates the same data for the same options, and different data for another seed", async () => {
    const a = (await start({ seed: 7 })).state.files().map((file) => [file.id, file.size]);
    await fake?.close();
    const b = (await start({ seed: 7 })).state.files().map((file) => [file.id, file.size]);
    await fake?.close();
    const c = (await start({ seed: 8 })).state.files().map((file) => [file.id, file.size]);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe("downloads", () => {
  async function firstFile(f: ZoomFake) {
    const t = await token(f);
    const [meeting] = (await list(f, t, { from: "2024-01-01", to: "2024-01-31" })).body.meetings;
    return { t, file: meeting.recording_files[0] };
  }

  it("redirect with the token to a signed URL on a second host that serves the bytes and receives no credential", async () => {
    const f = await start({ fileSize: 300_000 });
    const { t, file } = await firstFile(f);
    expect(file.download_url.startsWith(`${f.origin}/rec/download/`)).toBe(true);
    const hop = await fetch(file.download_url, {
      headers: { authorization: `Bearer ${t}` },
      redirect: "manual",
    });
    expect(hop.status).toBe(302);
    const location = hop.headers.get("location") ?? "";
    expect(location.startsWith(`${f.cdnUrl}/replay/`)).toBe(true);
    expect(new URL(location).hostname).toBe("localhost");
    expect(location).not.toContain(t);
    const body = await fetch(location);
    expect(body.status).toBe(200);
    expect(body.headers.get("content-length")).toBe("300000");
    expect(sha(await body.arrayBuffer())).toBe(f.state.sha256(file.id));
    expect(f.state.credentialLeaks()).toEqual([]);
    expect(f.state.cdnRequests).toHaveLength(1);
  });

  it("need the token (header or access_token query) and refuse without it", async () => {
    const f = await start();
    const { t, file } = await firstFile(f);
    expect((await fetch(file.download_url, { redirect: "manual" })).status).toBe(401);
    const viaQuery = await fetch(`${file.download_url}?access_token=${t}`, { redirect: "manual" });
    expect(viaQuery.status).toBe(302);
    expect(f.state.requests.at(-1)?.url).toContain("access_token=***");
  });

  it("records an Authorization header or a token that reaches the CDN as a leak", async () => {
    const f = await start();
    const { t, file } = await firstFile(f);
    // fetch keeps the header on a cross-origin redirect only if the caller re-sends it: do so.
    const hop = await fetch(file.download_url, {
      headers: { authorization: `Bearer ${t}` },
      redirect: "manual",
    });
    const location = hop.headers.get("location") ?? "";
    await fetch(location, { headers: { authorization: `Bearer ${t}` } }).then((r) =>
      r.arrayBuffer(),
    );
    await fetch(`${location}&access_token=${t}`).then((r) => r.arrayBuffer());
    expect(f.state.credentialLeaks()).toHaveLength(2);
    expect(f.state.credentialLeaks()[0]).toMatchObject({ authorization: true, leakedToken: true });
  });

  it("serve Range requests, honour If-Range with the ETag, and answer 416 past the end", async () => {
    const f = await start({ fileSize: 100_000 });
    const { t, file } = await firstFile(f);
    const whole = f.state.fileBytes(file.id);
    const hop = await fetch(file.download_url, {
      headers: { authorization: `Bearer ${t}` },
      redirect: "manual",
    });
    const location = hop.headers.get("location") ?? "";
    const full = await fetch(location);
    const etag = full.headers.get("etag") ?? "";
    await full.arrayBuffer();
    const part = await fetch(location, { headers: { range: "bytes=40000-", "if-range": etag } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 40000-99999/100000");
    expect(sha(await part.arrayBuffer())).toBe(sha(whole.subarray(40_000)));
    const stale = await fetch(location, {
      headers: { range: "bytes=40000-", "if-range": '"other"' },
    });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(100_000);
    const bounded = await fetch(location, { headers: { range: "bytes=10-19" } });
    expect(new Uint8Array(await bounded.arrayBuffer())).toEqual(
      new Uint8Array(whole.subarray(10, 20)),
    );
    const past = await fetch(location, { headers: { range: "bytes=100000-" } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */100000");
  });

  it("signed URLs expire and cannot be forged", async () => {
    const f = await start({ signedUrlTtlSeconds: 60 });
    const { t, file } = await firstFile(f);
    const hop = await fetch(file.download_url, {
      headers: { authorization: `Bearer ${t}` },
      redirect: "manual",
    });
    const location = hop.headers.get("location") ?? "";
    expect((await fetch(location.replace(/Signature=[^&]+/, "Signature=forged"))).status).toBe(403);
    f.clock.advance(61_000);
    expect((await fetch(location)).status).toBe(403);
  });
});

describe("trash and recover", () => {
  it("moves a meeting to the trash, out of the listing and into the trash listing, and back", async () => {
    const f = await start({ meetingsPerUser: 12 });
    const t = await token(f);
    const auth = { authorization: `Bearer ${t}` };
    const range = { from: "2024-01-01", to: "2024-01-31" };
    const before = (await list(f, t, range)).body.meetings;
    const target = before[0];
    const trashed = await fetch(
      `${f.baseUrl}/meetings/${encodeURIComponent(encodeURIComponent(target.uuid))}/recordings?action=trash`,
      {
        method: "DELETE",
        headers: auth,
      },
    );
    expect(trashed.status).toBe(204);
    const after = (await list(f, t, range)).body.meetings;
    expect(after.map((m: { uuid: string }) => m.uuid)).not.toContain(target.uuid);
    const trash = (await list(f, t, { trash: "true" })).body.meetings;
    expect(trash).toHaveLength(1);
    expect(trash[0].recording_files[0].deleted_time).toMatch(/Z$/);
    expect(
      (await fetch(target.recording_files[0].download_url, { headers: auth, redirect: "manual" }))
        .status,
    ).toBe(404);
    const recovered = await fetch(`${f.baseUrl}/meetings/${target.id}/recordings/status`, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ action: "recover" }),
    });
    expect(recovered.status).toBe(204);
    expect((await list(f, t, range)).body.meetings).toHaveLength(before.length);
  });

  it("needs UUIDs that begin with / or contain // double-encoded, as Zoom does", async () => {
    const f = await start({ meetingsPerUser: 12 });
    const t = await token(f);
    const awkward = f.state.meetings.find((m) => m.uuid.startsWith("/"));
    if (!awkward) throw new Error("no awkward UUID generated");
    const url = (segment: string) => `${f.baseUrl}/meetings/${segment}/recordings`;
    const auth = { authorization: `Bearer ${t}` };
    expect((await fetch(url(encodeURIComponent(awkward.uuid)), { headers: auth })).status).toBe(
      404,
    );
    const ok = await fetch(url(encodeURIComponent(encodeURIComponent(awkward.uuid))), {
      headers: auth,
    });
    expect(ok.status).toBe(200);
    const meeting = await ok.json();
    schemas.check("GET", "/meetings/{meetingId}/recordings", 200, meeting);
    expect((meeting as { uuid: string }).uuid).toBe(awkward.uuid);
    const withToken = await fetch(
      `${url(encodeURIComponent(encodeURIComponent(awkward.uuid)))}?include_fields=download_access_token&ttl=60`,
      { headers: auth },
    );
    const body = (await withToken.json()) as {
      download_access_token: string;
      recording_files: Array<{ download_url: string }>;
    };
    schemas.check("GET", "/meetings/{meetingId}/recordings", 200, body);
    const hop = await fetch(
      `${body.recording_files[0]?.download_url}?access_token=${body.download_access_token}`,
      { redirect: "manual" },
    );
    expect(hop.status).toBe(302);
  });
});

describe("fault switches", () => {
  it("429 bursts with Retry-After and rate-limit headers, then normal answers", async () => {
    const f = await start();
    const t = await token(f);
    f.faults.rateLimit({ count: 2, retryAfterSeconds: 3 });
    const first = await list(f, t, {});
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await list(f, t, {})).status).toBe(429);
    expect((await list(f, t, {})).status).toBe(200);
  });

  it("a steady per-second limit answers 429 beyond it", async () => {
    const f = await start({ rateLimitPerSecond: 3 });
    const t = await token(f);
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () => list(f, t, {}).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
  });

  it("account rate limits: Medium listings beyond 20 in a second answer 429 with Zoom's headers and an ISO Retry-After", async () => {
    const f = await start({ accountRateLimits: { plan: "pro" } });
    const t = await token(f);
    const answers = await Promise.all(Array.from({ length: 25 }, () => list(f, t, {})));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(5);
    const headers = limited[0]?.headers as Headers;
    expect(headers.get("x-ratelimit-category")).toBe("Medium");
    expect(headers.get("x-ratelimit-type")).toBe("QPS");
    expect(headers.get("x-ratelimit-limit")).toBe("20");
    expect(headers.get("x-ratelimit-remaining")).toBe("0");
    expect(headers.get("retry-after")).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(limited[0]?.body).toEqual({
      code: 429,
      message: "You have reached the maximum per-second rate limit for this API. Try again later.",
    });
    const ok = answers.find((a) => a.status === 200)?.headers as Headers;
    expect(ok.get("x-ratelimit-category")).toBe("Medium");
    // Another category has its own budget.
    const trash = await fetch(`${f.baseUrl}/meetings/123/recordings?action=trash`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${t}` },
    });
    expect(trash.headers.get("x-ratelimit-category")).toBe("Light");
    // Each request is logged with the category it counted in and that category's limit.
    const counted = f.state.requests.filter((r) => r.target === "api").map((r) => r.rateLimit);
    expect(counted.filter((c) => c?.category === "Medium")).toHaveLength(25);
    expect(counted.at(-1)).toEqual({ category: "Light", limit: 30, windowMs: 1000 });
    expect(counted[0]).toEqual({ category: "Medium", limit: 20, windowMs: 1000 });
  });

  it("account rate limits: the Heavy + Resource-intensive daily cap answers a Daily-limit 429 until 00:00 UTC", async () => {
    // No operation of these APIs is Heavy in Zoom's documents: a one-operation spec has one.
    const heavy = {
      paths: {
        "/report/{id}": { get: { "x-rate-limit-label": "HEAVY" } },
        "/report/{id}/files": { get: { "x-rate-limit-label": "RESOURCE_INTENSIVE" } },
      },
    };
    let now = Date.UTC(2026, 11, 4, 23, 59, 58);
    const verdict = accountRateLimits({ plan: "pro", daily: 2 }, () => now, [heavy]);
    expect(verdict("GET", "/report/1")?.limited).toBeUndefined();
    expect(verdict("GET", "/report/1/files")?.limited).toBeUndefined();
    const refused = verdict("GET", "/report/2");
    expect(refused?.limited).toBe("Daily-limit");
    expect(refused?.headers).toMatchObject({
      "x-ratelimit-category": "Heavy",
      "x-ratelimit-type": "Daily-limit",
      "retry-after": "2026-12-05T00:00:00.000Z",
    });
    expect(verdict("GET", "/elsewhere")).toBeUndefined();
    now += 3000;
    expect(verdict("GET", "/report/3")?.limited).toBeUndefined();
  });

  it("5xx, connection resets, and resets in the middle of a CDN body", async () => {
    const f = await start({ fileSize: 200_000 });
    const t = await token(f);
    f.faults.serverError({ status: 503 });
    expect((await list(f, t, {})).status).toBe(503);
    f.faults.resetConnection();
    await expect(list(f, t, {})).rejects.toThrow();
    expect(f.state.requests.at(-1)?.status).toBe(0);
    const [meeting] = (await list(f, t, { from: "2024-01-01", to: "2024-01-31" })).body.meetings;
    f.faults.resetConnection({ on: "cdn", afterBytes: 50_000 });
    const response = await fetch(meeting.recording_files[0].download_url, {
      headers: { authorization: `Bearer ${t}` },
    });
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
    f.faults.resetConnection({ on: "token" });
    await expect(token(f)).rejects.toThrow();
  });

  it("slow bodies arrive at about the set rate", async () => {
    const f = await start({ fileSize: 20_000 });
    const t = await token(f);
    const [meeting] = (await list(f, t, { from: "2024-01-01", to: "2024-01-31" })).body.meetings;
    f.faults.slowBody({ bytesPerSecond: 50_000 });
    const began = Date.now();
    const response = await fetch(meeting.recording_files[0].download_url, {
      headers: { authorization: `Bearer ${t}` },
    });
    expect((await response.arrayBuffer()).byteLength).toBe(20_000);
    expect(Date.now() - began).toBeGreaterThanOrEqual(300);
  });
});
