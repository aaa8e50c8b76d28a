import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { inflateSync } from "node:zlib";
import { ClipKitValidationError } from "@clipkit/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type UplynkSignerOptions, uplynkSigner } from "../src/index.js";

/** Reads `msg` the way the vendor describes it: base64 → zlib → JSON. */
function decodeMsg(msg: string): unknown {
  return JSON.parse(inflateSync(Buffer.from(msg, "base64")).toString("utf8"));
}

const hmacHex = (key: string, text: string) => createHmac("sha256", key).update(text).digest("hex");

async function signed(owner: string, apiKey: string, nowMs: number, url: string) {
  const signer = uplynkSigner({ owner, apiKey, now: () => nowMs });
  const request = await signer.authorize(new Request(url), { forceRefresh: false });
  return new URL(request.url);
}

describe("uplynkSigner", () => {
  it("signs once per second: the same second shares msg and sig, the next second has its own", async () => {
    let now = 1_704_300_749_100;
    const signer = uplynkSigner({ owner: "o", apiKey: "k", now: () => now });
    const sign = async () =>
      new URL(
        (await signer.authorize(new Request("https://x.test/a"), { forceRefresh: false })).url,
      );
    const first = await sign();
    now += 800;
    const sameSecond = await sign();
    now += 200;
    const nextSecond = await sign();
    expect(sameSecond.searchParams.get("sig")).toBe(first.searchParams.get("sig"));
    expect(decodeMsg(nextSecond.searchParams.get("msg") ?? "")).toEqual({
      _owner: "o",
      _timestamp: 1_704_300_750,
    });
    expect(nextSecond.searchParams.get("sig")).toBe(
      hmacHex("k", nextSecond.searchParams.get("msg") ?? ""),
    );
  });

  it.each([
    { owner: "abc123", apiKey: "key-1", nowMs: 1_704_300_749_000, want: 1_704_300_749 },
    { owner: "abc123", apiKey: "key-1", nowMs: 1_704_300_749_999, want: 1_704_300_749 },
    { owner: "0a1b2c3d4e5f", apiKey: "secret with spaces", nowMs: 0, want: 0 },
    { owner: "user+ü@example", apiKey: "ключ", nowMs: 2_000_000_000_123, want: 2_000_000_000 },
  ])("signs $owner at $nowMs ms as _timestamp $want", async ({ owner, apiKey, nowMs, want }) => {
    const url = await signed(
      owner,
      apiKey,
      nowMs,
      "https://services.uplynk.com/api/v4/clipping_draft",
    );
    const msg = url.searchParams.get("msg");
    const sig = url.searchParams.get("sig");
    expect(msg).toBeTruthy();
    const payload = decodeMsg(msg as string) as Record<string, unknown>;
    expect(payload).toEqual({ _owner: owner, _timestamp: want });
    expect(Number.isInteger(payload._timestamp)).toBe(true);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(sig).toBe(hmacHex(apiKey, msg as string));
  });

  it("keeps other query parameters and replaces an old msg/sig", async () => {
    const url = await signed(
      "owner",
      "key",
      1_000_000,
      "https://x.test/api/v4/clip/draft_info?draft_id=d1&msg=old&sig=old",
    );
    expect(url.searchParams.get("draft_id")).toBe("d1");
    expect(url.searchParams.getAll("msg")).toHaveLength(1);
    expect(url.searchParams.getAll("sig")).toHaveLength(1);
    expect(url.searchParams.get("msg")).not.toBe("old");
    expect(decodeMsg(url.searchParams.get("msg") as string)).toEqual({
      _owner: "owner",
      _timestamp: 1000,
    });
  });

  it("keeps the method and body of the request", async () => {
    const signer = uplynkSigner({ owner: "o", apiKey: "k", now: () => 5_000 });
    const request = await signer.authorize(
      new Request("https://x.test/clipping_draft", {
        method: "POST",
        body: '{"beam":"b"}',
        headers: { "Content-Type": "application/json" },
      }),
      { forceRefresh: false },
    );
    expect(request.method).toBe("POST");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(await request.text()).toBe('{"beam":"b"}');
  });

  it("signs each request with the clock at that moment", async () => {
    let now = 1_000_000;
    const signer = uplynkSigner({ owner: "o", apiKey: "k", now: () => now });
    const first = await signer.authorize(new Request("https://x.test/a"), { forceRefresh: false });
    now += 61_000;
    const second = await signer.authorize(new Request("https://x.test/a"), { forceRefresh: true });
    const stamp = (r: Request) =>
      (decodeMsg(new URL(r.url).searchParams.get("msg") as string) as { _timestamp: number })
        ._timestamp;
    expect(stamp(second) - stamp(first)).toBe(61);
  });

  it("never shows the API key in toString, inspect or JSON", () => {
    const apiKey = "very-secret-api-key-1234";
    const signer = uplynkSigner({ owner: "owner-1", apiKey });
    for (const text of [
      String(signer),
      inspect(signer, { depth: 5, showHidden: true }),
      JSON.stringify(signer),
    ]) {
      expect(text).toContain("owner-1");
      expect(text).not.toContain(apiKey);
    }
    expect(Object.values(signer)).not.toContain(apiKey);
  });

  it.each([
    { options: { owner: "", apiKey: "k" }, field: "owner" },
    { options: { owner: "   ", apiKey: "k" }, field: "owner" },
    { options: { owner: "o", apiKey: "" }, field: "apiKey" },
    { options: { owner: "o", apiKey: undefined as unknown as string }, field: "apiKey" },
    { options: undefined as unknown as UplynkSignerOptions, field: "owner" },
  ])("rejects an empty $field", ({ options, field }) => {
    const attempt = () => uplynkSigner(options);
    expect(attempt).toThrow(ClipKitValidationError);
    expect(attempt).toThrow(
      expect.objectContaining({ field, message: `${field}: must be a non-empty string` }),
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses to sign when the clock returns %s",
    async (ms) => {
      const signer = uplynkSigner({ owner: "o", apiKey: "k", now: () => ms });
      const failure = await signer
        .authorize(new Request("https://x.test/a"), { forceRefresh: false })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ClipKitValidationError);
      expect(failure).toMatchObject({
        field: "now",
        message: `now: the clock returned ${ms}, not a time in ms`,
      });
    },
  );
});

describe("uplynkSigner's one signature per second", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const authorize = (signer: ReturnType<typeof uplynkSigner>) =>
    signer.authorize(new Request("https://x.test/a"), { forceRefresh: false });

  it("computes the HMAC once for every request of one second", async () => {
    const hmac = vi.spyOn(crypto.subtle, "sign");
    let now = 1_704_300_749_000;
    const signer = uplynkSigner({ owner: "o", apiKey: "k", now: () => now });
    await Promise.all([authorize(signer), authorize(signer)]);
    now += 999;
    await authorize(signer);
    expect(hmac).toHaveBeenCalledTimes(1);
    now += 1;
    await authorize(signer);
    expect(hmac).toHaveBeenCalledTimes(2);
  });

  it("does not keep a failed signing for the rest of its second", async () => {
    const failure = new Error("crypto unavailable");
    const hmac = vi.spyOn(crypto.subtle, "sign").mockRejectedValueOnce(failure);
    const signer = uplynkSigner({ owner: "o", apiKey: "k", now: () => 1_704_300_749_000 });
    await expect(authorize(signer)).rejects.toBe(failure);
    const url = new URL((await authorize(signer)).url);
    expect(url.searchParams.get("sig")).toBe(hmacHex("k", url.searchParams.get("msg") ?? ""));
    expect(hmac).toHaveBeenCalledTimes(2);
  });

  it("keeps the next second's signature when the last second's signing fails late", async () => {
    const failure = new Error("crypto unavailable");
    let failLate = (_error: Error) => {};
    const hmac = vi
      .spyOn(crypto.subtle, "sign")
      .mockImplementationOnce(
        () => new Promise<ArrayBuffer>((_resolve, reject) => (failLate = reject)),
      );
    let now = 1_704_300_749_000;
    const signer = uplynkSigner({ owner: "o", apiKey: "k", now: () => now });
    const slow = authorize(signer);
    await vi.waitFor(() => expect(hmac).toHaveBeenCalledTimes(1));
    now += 1_000;
    await authorize(signer);
    failLate(failure);
    await expect(slow).rejects.toBe(failure);
    await authorize(signer);
    expect(hmac).toHaveBeenCalledTimes(2);
  });
});
