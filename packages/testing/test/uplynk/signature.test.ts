import { createHmac } from "node:crypto";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { verifyUplynkSignature } from "../../src/uplynk/signature.js";

const account = { owner: "owner-1", apiKey: "key-1" };
const NOW = 1_700_000_000_000;

function query(payload: unknown, key = account.apiKey, raw?: string) {
  const msg = raw ?? deflateSync(JSON.stringify(payload)).toString("base64");
  const sig = createHmac("sha256", key).update(msg).digest("hex");
  return new URLSearchParams({ msg, sig });
}
const payload = (at = NOW / 1000, owner = account.owner) => ({ _owner: owner, _timestamp: at });

describe("verifyUplynkSignature", () => {
  it("accepts a signature of the owner within the skew, both ways", () => {
    expect(verifyUplynkSignature(query(payload()), account, NOW)).toEqual({ ok: true });
    expect(verifyUplynkSignature(query(payload(NOW / 1000 - 300)), account, NOW).ok).toBe(true);
    expect(verifyUplynkSignature(query(payload(NOW / 1000 + 300)), account, NOW).ok).toBe(true);
    expect(verifyUplynkSignature(query(payload(NOW / 1000 + 10)), account, NOW, 10).ok).toBe(true);
  });

  it.each([
    ["too old", NOW / 1000 - 301],
    ["in the future", NOW / 1000 + 301],
  ])("refuses a timestamp %s with 401", (_, at) => {
    expect(verifyUplynkSignature(query(payload(at)), account, NOW)).toEqual({
      ok: false,
      status: 401,
      message: "The signature's timestamp is too old or in the future.",
    });
  });

  it("takes the allowed skew from its argument", () => {
    expect(verifyUplynkSignature(query(payload(NOW / 1000 - 11)), account, NOW, 10).ok).toBe(false);
  });

  it("refuses a missing msg or sig, or a signature under another key, with 401", () => {
    const missing = { ok: false, status: 401, message: "Missing or invalid msg/sig signature." };
    expect(verifyUplynkSignature(new URLSearchParams(), account, NOW)).toEqual(missing);
    const good = query(payload());
    expect(
      verifyUplynkSignature(new URLSearchParams({ msg: good.get("msg") ?? "" }), account, NOW),
    ).toEqual(missing);
    expect(
      verifyUplynkSignature(new URLSearchParams({ sig: good.get("sig") ?? "" }), account, NOW),
    ).toEqual(missing);
    expect(verifyUplynkSignature(query(payload(), "other-key"), account, NOW)).toEqual(missing);
    const short = new URLSearchParams({ msg: good.get("msg") ?? "", sig: "abcd" });
    expect(verifyUplynkSignature(short, account, NOW)).toEqual(missing);
  });

  it("refuses another owner with 403", () => {
    expect(verifyUplynkSignature(query(payload(NOW / 1000, "someone")), account, NOW)).toEqual({
      ok: false,
      status: 403,
      message: "The signature's owner does not own this account.",
    });
  });

  it("refuses a msg that is not zlib JSON, or has no integer timestamp", () => {
    expect(
      verifyUplynkSignature(query(undefined, account.apiKey, "bm90IHpsaWI="), account, NOW),
    ).toEqual({
      ok: false,
      status: 401,
      message: "msg is not base64 zlib-compressed JSON.",
    });
    for (const at of [NOW / 1000 + 0.5, "1700000000", undefined]) {
      expect(
        verifyUplynkSignature(query({ _owner: account.owner, _timestamp: at }), account, NOW),
      ).toEqual({
        ok: false,
        status: 401,
        message: "msg has no integer _timestamp.",
      });
    }
  });
});
