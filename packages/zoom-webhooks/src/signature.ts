// Zoom's signing rule (specs/sources/published/zoom-webhooks.using-webhooks.md): `v0=` + hex
// HMAC-SHA256(secret token, `v0:{x-zm-request-timestamp}:{raw body}`). Web Crypto only, so the
// same code runs in Node, Deno, Bun and Workers.

const encoder = new TextEncoder();

async function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [usage],
  );
}

/** The bytes Zoom signs: `v0:{timestamp}:` followed by the body exactly as received. */
export function signedMessage(timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`v0:${timestamp}:`);
  const message = new Uint8Array(prefix.byteLength + body.byteLength);
  message.set(prefix, 0);
  message.set(body, prefix.byteLength);
  return message;
}

export function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Lowercase or uppercase hex of even length to bytes; the caller has checked the pattern. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Hex HMAC-SHA256 of `data` keyed with `secret` (also the URL-validation `encryptedToken`). */
export async function hmacHex(
  secret: string,
  data: Uint8Array<ArrayBuffer> | string,
): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), bytes);
  return toHex(mac);
}

/** The `x-zm-signature` value for a body and timestamp. */
export async function zoomSignature(
  secret: string,
  timestamp: string,
  body: Uint8Array,
): Promise<string> {
  return `v0=${await hmacHex(secret, signedMessage(timestamp, body))}`;
}

/**
 * Whether `mac` is the HMAC of `message` under `secret`. The comparison is the platform's
 * `crypto.subtle.verify`, which compares in constant time; never `===` on strings, which
 * returns at the first differing character.
 */
export async function macMatches(
  secret: string,
  mac: Uint8Array<ArrayBuffer>,
  message: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  return crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), mac, message);
}
