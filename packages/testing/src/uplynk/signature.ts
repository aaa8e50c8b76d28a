import { createHmac, timingSafeEqual } from "node:crypto";
import { inflateSync } from "node:zlib";

export type SignatureVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * Uplynk's check of `msg` and `sig`: the HMAC-SHA256 of `msg` under the API key, then the
 * owner and a timestamp within `maxSkewSeconds` of the server's clock.
 */
export function verifyUplynkSignature(
  query: URLSearchParams,
  account: { owner: string; apiKey: string },
  nowMs: number,
  maxSkewSeconds = 300,
): SignatureVerdict {
  const msg = query.get("msg");
  const sig = query.get("sig");
  if (!msg || !sig)
    return { ok: false, status: 401, message: "Missing or invalid msg/sig signature." };
  const want = createHmac("sha256", account.apiKey).update(msg).digest();
  const got = Buffer.from(sig, "hex");
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return { ok: false, status: 401, message: "Missing or invalid msg/sig signature." };
  }
  let payload: { _owner?: unknown; _timestamp?: unknown };
  try {
    payload = JSON.parse(inflateSync(Buffer.from(msg, "base64")).toString("utf8"));
  } catch {
    return { ok: false, status: 401, message: "msg is not base64 zlib-compressed JSON." };
  }
  if (!Number.isInteger(payload._timestamp)) {
    return { ok: false, status: 401, message: "msg has no integer _timestamp." };
  }
  if (Math.abs(nowMs / 1000 - (payload._timestamp as number)) > maxSkewSeconds) {
    return {
      ok: false,
      status: 401,
      message: "The signature's timestamp is too old or in the future.",
    };
  }
  if (payload._owner !== account.owner) {
    return { ok: false, status: 403, message: "The signature's owner does not own this account." };
  }
  return { ok: true };
}
