// What both Zoom fakes share: the CDN host, the API host's headers, faults, logs and tokens.
import { request } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createClock } from "../../src/clock.js";
import { fileBytes } from "../../src/file-content.js";
import { startZoomFake, type ZoomFake, type ZoomFakeOptions } from "../../src/index.js";

let fake: ZoomFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
async function start(options: ZoomFakeOptions = {}) {
  fake = await startZoomFake({
    meetingsPerUser: 1,
    filesPerMeeting: 1,
    fileSize: 1000,
    ...options,
  });
  return fake;
}

/** The signed CDN URL the first file's download redirects to. */
async function cdnUrl(f: ZoomFake): Promise<string> {
  const file = f.state.files()[0];
  if (!file) throw new Error("no file");
  const hop = await fetch(`${f.origin}/rec/download/${file.id.replaceAll("-", "")}`, {
    headers: { authorization: `Bearer ${f.issueToken()}` },
    redirect: "manual",
  });
  expect(hop.status).toBe(302);
  expect(hop.headers.get("content-length")).toBe("0");
  return hop.headers.get("location") ?? "";
}

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("the CDN host", () => {
  it("serves the whole file with its validators", async () => {
    const f = await start();
    const url = await cdnUrl(f);
    const file = f.state.files()[0];
    if (!file) throw new Error("no file");
    expect(new URL(url).pathname).toBe(`/replay/${file.id.replaceAll("-", "")}.mp4`);
    expect(url).toMatch(/\?Expires=\d+&Signature=[A-Za-z0-9_-]{43}&Key-Pair-Id=APKAFAKEKEYPAIR$/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "video/mp4",
      "accept-ranges": "bytes",
      etag: `"${file.id.replaceAll("-", "")}-1000"`,
      "last-modified": new Date(file.recordingEnd).toUTCString(),
      "content-length": "1000",
    });
    expect((await bytesOf(response)).equals(fileBytes(file.contentOffset, 1000))).toBe(true);
    expect(f.state.cdnRequests).toEqual([
      {
        method: "GET",
        path: new URL(url).pathname,
        status: 200,
        complete: true,
        authorization: false,
        leakedToken: false,
      },
    ]);
  });

  it("answers HEAD with the headers only", async () => {
    const f = await start();
    const response = await fetch(await cdnUrl(f), { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("1000");
    expect(f.state.cdnRequests[0]).toMatchObject({ method: "HEAD", status: 200, complete: true });
  });

  it.each([
    { range: "bytes=0-9", status: 206, from: 0, to: 10 },
    { range: " bytes=990-2000 ", status: 206, from: 990, to: 1000 },
    { range: "bytes=995-", status: 206, from: 995, to: 1000 },
    { range: "bytes=-5", status: 206, from: 995, to: 1000 },
    { range: "bytes=-5000", status: 206, from: 0, to: 1000 },
    { range: "bytes=999-999", status: 206, from: 999, to: 1000 },
    { range: "bytes=-", status: 200, from: 0, to: 1000 },
    { range: "bytes=a-b", status: 200, from: 0, to: 1000 },
    { range: "items=0-9", status: 200, from: 0, to: 1000 },
    { range: "xbytes=0-9", status: 200, from: 0, to: 1000 },
    { range: "bytes=0-1,5-6", status: 200, from: 0, to: 1000 },
  ])(
    "answers Range $range with $status and the right bytes",
    async ({ range, status, from, to }) => {
      const f = await start();
      const response = await fetch(await cdnUrl(f), { headers: { range } });
      expect(response.status).toBe(status);
      const file = f.state.files()[0];
      if (!file) throw new Error("no file");
      expect(
        (await bytesOf(response)).equals(fileBytes(file.contentOffset, 1000).subarray(from, to)),
      ).toBe(true);
      if (status === 206) {
        expect(response.headers.get("content-range")).toBe(`bytes ${from}-${to - 1}/1000`);
        expect(response.headers.get("content-length")).toBe(String(to - from));
      } else expect(response.headers.get("content-range")).toBeNull();
      expect(f.state.cdnRequests[0]?.range).toBe(range.trim() === range ? range : range.trim());
    },
  );

  it.each(["bytes=1000-", "bytes=-0", "bytes=5-4"])("answers 416 for %s", async (range) => {
    const f = await start();
    const response = await fetch(await cdnUrl(f), { headers: { range } });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */1000");
    expect((await bytesOf(response)).length).toBe(0);
  });

  it("applies a Range only when If-Range still names the file (ETag or Last-Modified)", async () => {
    const f = await start();
    const url = await cdnUrl(f);
    const head = await fetch(url, { method: "HEAD" });
    const etag = head.headers.get("etag") ?? "";
    const modified = head.headers.get("last-modified") ?? "";
    const ranged = (ifRange: string) =>
      fetch(url, { headers: { range: "bytes=0-0", "if-range": ifRange } });
    expect((await ranged(etag)).status).toBe(206);
    expect((await ranged(modified)).status).toBe(206);
    expect((await ranged('"other"')).status).toBe(200);
    expect((await ranged("Mon, 01 Jan 2024 00:00:00 GMT")).status).toBe(200);
  });

  it("refuses a forged, truncated, re-pathed or expired signature with 403 AccessDenied", async () => {
    let now = Date.UTC(2026, 0, 1);
    const f = await start({ clock: createClock(() => now), signedUrlTtlSeconds: 10 });
    const url = await cdnUrl(f);
    const denied = async (target: string) => {
      const response = await fetch(target);
      expect(response.status, target).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/xml");
      const text = await response.text();
      expect(text).toBe(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code></Error>',
      );
      expect(response.headers.get("content-length")).toBe(String(text.length));
    };
    const signature = new URL(url).searchParams.get("Signature") ?? "";
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    await denied(url.replace(signature, flipped));
    await denied(url.replace(signature, signature.slice(0, -1)));
    await denied(url.replace(/Expires=(\d+)/, (_, e) => `Expires=${Number(e) + 1}`));
    await denied(url.replace("/replay/", "/other/"));
    await denied(url.replace("/replay/", "/x/replay/"));
    await denied(url.replace(".mp4?", ".mp4/x?"));
    await denied(url.replace(".mp4", ".MP4"));
    await denied(url.replace(/Signature=[^&]+&/, ""));
    now += 9_999;
    expect((await fetch(url)).status).toBe(200);
    now += 1;
    await denied(url);
  });

  it("answers 404 NoSuchKey for a signed URL whose file is gone", async () => {
    const f = await start();
    const url = await cdnUrl(f);
    const meeting = f.state.meetings[0];
    if (meeting) meeting.files = [];
    const response = await fetch(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("<Code>NoSuchKey</Code>");
  });

  it("logs a credential that reaches it: an Authorization header, an issued token anywhere", async () => {
    const f = await start();
    const url = await cdnUrl(f);
    const token = f.issueToken();
    await fetch(url, { headers: { authorization: "Basic eA==" } }).then(bytesOf);
    await fetch(url, { headers: { "x-custom": `keep ${token}` } }).then(bytesOf);
    await fetch(`${url}&t=${token}`).then(bytesOf);
    await fetch(`${url}&access_token=made-up`).then(bytesOf);
    await fetch(url).then(bytesOf);
    expect(f.state.cdnRequests.map((r) => [r.authorization, r.leakedToken])).toEqual([
      [true, false],
      [false, true],
      [false, true],
      [false, true],
      [false, false],
    ]);
    expect(f.state.credentialLeaks()).toHaveLength(4);
    expect(f.state.cdnRequests[2]?.path).not.toContain(token);
  });

  it("counts a download token as a credential too", async () => {
    const f = await start();
    const meeting = f.state.meetings[0];
    const withToken = await fetch(
      `${f.baseUrl}/meetings/${meeting?.id}/recordings?include_fields=download_access_token`,
      { headers: { authorization: `Bearer ${f.issueToken()}` } },
    );
    const { download_access_token: dat } = (await withToken.json()) as {
      download_access_token: string;
    };
    await fetch(`${await cdnUrl(f)}&x=${dat}`).then(bytesOf);
    expect(f.state.credentialLeaks()).toHaveLength(1);
  });

  it("has fault switches of its own: reset before the body, 429, 5xx", async () => {
    const f = await start();
    const url = await cdnUrl(f);
    f.faults.resetConnection({ on: "cdn" });
    await expect(fetch(url)).rejects.toThrow();
    f.faults.rateLimit({ on: "cdn", retryAfterSeconds: 4 });
    const limited = await fetch(url);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "4"]);
    f.faults.serverError({ on: "cdn", status: 502 });
    const broken = await fetch(url);
    expect(broken.status).toBe(502);
    expect(await broken.text()).toContain("<Code>InternalError</Code>");
    expect((await fetch(url)).status).toBe(200);
    expect(f.state.cdnRequests.map((r) => r.status)).toEqual([0, 429, 502, 200]);
    // API faults leave the CDN alone.
    f.faults.serverError();
    expect((await fetch(url)).status).toBe(200);
  });

  it("cuts a body after the set bytes, and logs it as incomplete", async () => {
    const f = await start();
    const url = await cdnUrl(f);
    f.faults.resetConnection({ on: "cdn", afterBytes: 100 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
    await vi.waitFor(() => expect(f.state.cdnRequests).toHaveLength(1));
    expect(f.state.cdnRequests[0]).toMatchObject({ status: 200, complete: false });
  });

  it("serves a slow body at the set rate", async () => {
    const f = await start();
    const url = await cdnUrl(f);
    f.faults.slowBody({ bytesPerSecond: 2000, count: 1 });
    const began = Date.now();
    expect((await bytesOf(await fetch(url))).length).toBe(1000);
    expect(Date.now() - began).toBeGreaterThanOrEqual(400);
    const fast = Date.now();
    await fetch(url).then(bytesOf);
    expect(Date.now() - fast).toBeLessThan(400);
  });

  it("uses the given host name in its URLs", async () => {
    const f = await start({ cdnHostname: "127.0.0.1" });
    expect(f.cdnUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await cdnUrl(f)).startsWith(f.cdnUrl)).toBe(true);
  });
});

describe("the API host", () => {
  const get = (f: ZoomFake, path: string, token = f.issueToken()) =>
    fetch(`${f.origin}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      redirect: "manual",
    });
  const LIST = "/v2/users/me/recordings?from=2024-01-01&to=2024-01-31";

  it("sends Zoom's tracking id and rate-limit headers", async () => {
    const f = await start();
    const first = await get(f, LIST);
    const second = await get(f, LIST);
    expect(first.headers.get("x-zm-trackingid")).toBe("v=2.0;clid=us05;rid=FAKE_1");
    expect(second.headers.get("x-zm-trackingid")).toBe("v=2.0;clid=us05;rid=FAKE_2");
    expect(first.headers.get("x-ratelimit-limit")).toBe("30");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("29");
  });

  it("counts down a per-second limit and answers 429 beyond it, with Zoom's body", async () => {
    const f = await start({ rateLimitPerSecond: 2 });
    // Stay inside one wall-clock second.
    while (Date.now() % 1000 > 600) await new Promise((r) => setTimeout(r, 50));
    const a = await get(f, LIST);
    const b = await get(f, LIST);
    const c = await get(f, LIST);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
    expect(a.headers.get("x-ratelimit-limit")).toBe("2");
    expect(a.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(b.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Object.fromEntries(c.headers)).toMatchObject({
      "retry-after": "1",
      "x-ratelimit-type": "QPS",
      "x-ratelimit-remaining": "0",
    });
    expect(await c.json()).toEqual({
      code: 429,
      message: "You have reached the maximum per-second rate limit for this API. Try again later.",
    });
    // The token endpoint and downloads are not limited.
    expect((await fetch(f.tokenUrl, { method: "GET" })).status).toBe(405);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await get(f, LIST)).status).toBe(200);
  });

  it("aims faults at the API, the token endpoint or downloads, by path", async () => {
    const f = await start();
    const file = f.state.files()[0];
    const download = `/rec/download/${file?.id.replaceAll("-", "")}`;
    f.faults.serverError({ on: "download", status: 503 });
    expect((await get(f, LIST)).status).toBe(200);
    const failed = await get(f, download);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ code: 503, message: "Internal server error." });
    f.faults.serverError({ on: "token" });
    expect((await get(f, download)).status).toBe(302);
    expect((await fetch(f.tokenUrl, { method: "POST" })).status).toBe(500);
    f.faults.rateLimit({ on: "api", retryAfterSeconds: 9 });
    const limited = await get(f, LIST);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "9"]);
    expect(f.state.requests.map((r) => [r.target, r.status])).toEqual([
      ["api", 200],
      ["download", 503],
      ["download", 302],
      ["token", 500],
      ["api", 429],
    ]);
  });

  it("logs each request with its path and query, the access_token value hidden", async () => {
    const f = await start();
    const token = f.issueToken();
    await fetch(`${f.origin}/v2/users/me/recordings?access_token=${token}&page_size=5`);
    await fetch(`${f.origin}/v2/users/me/recordings?page_size=5`, { method: "DELETE" });
    const common = {
      target: "api",
      path: "/v2/users/me/recordings",
      host: new URL(f.origin).host,
      authorization: false,
      status: 401,
    };
    expect(f.state.requests).toEqual([
      { ...common, method: "GET", url: "/v2/users/me/recordings?access_token=***&page_size=5" },
      { ...common, method: "DELETE", url: "/v2/users/me/recordings?page_size=5" },
    ]);
    expect(JSON.stringify(f.state.requests)).not.toContain(token);
  });

  it("takes the access_token query only on downloads", async () => {
    const f = await start();
    const token = f.issueToken();
    const file = f.state.files()[0];
    const api = await fetch(`${f.origin}${LIST}&access_token=${token}`);
    expect(api.status).toBe(401);
    const download = await fetch(
      `${f.origin}/rec/download/${file?.id.replaceAll("-", "")}?access_token=${token}`,
      { redirect: "manual" },
    );
    expect(download.status).toBe(302);
  });

  it("answers a download token that expired with code 124, expired", async () => {
    let now = Date.UTC(2026, 0, 1);
    const f = await start({ clock: createClock(() => now) });
    const meeting = f.state.meetings[0];
    const file = f.state.files()[0];
    const withToken = await get(
      f,
      `/v2/meetings/${meeting?.id}/recordings?include_fields=download_access_token&ttl=10`,
    );
    const { download_access_token: dat } = (await withToken.json()) as {
      download_access_token: string;
    };
    expect(dat).toMatch(/^fake_dat_/);
    const download = () =>
      fetch(`${f.origin}/rec/download/${file?.id.replaceAll("-", "")}?access_token=${dat}`, {
        redirect: "manual",
      });
    expect((await download()).status).toBe(302);
    // Not an API token.
    expect((await get(f, LIST, dat)).status).toBe(401);
    now += 10_000;
    const late = await download();
    expect([late.status, await late.json()]).toEqual([
      401,
      { code: 124, message: "Access token is expired." },
    ]);
    // A token the fake never issued is invalid, not expired.
    const forged = await fetch(
      `${f.origin}/rec/download/${file?.id.replaceAll("-", "")}?access_token=fake_dat_forged`,
    );
    expect([forged.status, await forged.json()]).toEqual([
      401,
      { code: 124, message: "Invalid access token." },
    ]);
  });

  it("expireTokens expires download tokens too", async () => {
    const f = await start();
    const meeting = f.state.meetings[0];
    const file = f.state.files()[0];
    const withToken = await get(
      f,
      `/v2/meetings/${meeting?.id}/recordings?include_fields=download_access_token`,
    );
    const { download_access_token: dat } = (await withToken.json()) as {
      download_access_token: string;
    };
    f.faults.expireTokens();
    const late = await fetch(
      `${f.origin}/rec/download/${file?.id.replaceAll("-", "")}?access_token=${dat}`,
    );
    expect((await late.json()).message).toBe("Access token is expired.");
  });

  it("answers a route's unexpected failure with 500 and Zoom's body, and reports it", async () => {
    const f = await start();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // A malformed percent-escape makes decodeURIComponent throw inside the route.
      const response = await get(f, "/v2/users/%E0%A4%A/recordings");
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        code: 500,
        message: "The fake failed; see its test output.",
      });
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });

  it("drops a connection reset by a fault, logging status 0", async () => {
    const f = await start();
    f.faults.resetConnection();
    const outcome = await new Promise<string>((resolve) => {
      request(`${f.origin}${LIST}`)
        .on("response", () => resolve("answered"))
        .on("error", () => resolve("reset"))
        .end();
    });
    expect(outcome).toBe("reset");
    await vi.waitFor(() => expect(f.state.requests).toHaveLength(1));
    expect(f.state.requests[0]).toMatchObject({ status: 0, reset: true });
  });

  it("checks requests against the spec when asked, answering Prism's 422", async () => {
    const f = await start({ validateRequests: true });
    const bad = await get(f, "/v2/users/me/recordings?page_size=500");
    expect(bad.status).toBe(422);
    expect(bad.headers.get("sl-violations")).toContain("page_size");
    // Outside /v2 the gate lets requests through.
    expect((await fetch(f.tokenUrl, { method: "GET" })).status).toBe(405);
    const plain = await startZoomFake({ meetingsPerUser: 1 });
    try {
      expect((await get(plain, "/v2/users/me/recordings?page_size=500")).status).toBe(400);
    } finally {
      await plain.close();
    }
  });

  it("closes both hosts", async () => {
    const f = await start();
    const url = await cdnUrl(f);
    await f.close();
    fake = undefined;
    await expect(fetch(url)).rejects.toThrow();
    await expect(fetch(f.tokenUrl)).rejects.toThrow();
  });
});
