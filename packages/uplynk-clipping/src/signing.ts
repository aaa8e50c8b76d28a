import { type AuthProvider, ClipKitValidationError } from "@clipkit/core";

// Web platform APIs only (Web Crypto, CompressionStream), so the main entry runs in browsers,
// edge runtimes, Deno, Bun and Node ≥ 20 alike.
const encoder = new TextEncoder();
// What util.inspect looks for, without importing node:util.
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/** zlib format (RFC 1950), what Uplynk inflates: CompressionStream's "deflate", not "deflate-raw". */
async function zlibDeflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");

export interface UplynkSignerOptions {
  /** The account's user ID (`_owner` in `msg`). */
  owner: string;
  /** The account's API key. Kept in a closure: it never appears in errors, logs or JSON. */
  apiKey: string;
  /** The clock, in milliseconds since the epoch. Defaults to `Date.now`. */
  now?: () => number;
}

/** The two query parameters Uplynk v4 expects on every request. */
export interface UplynkSignedParams {
  msg: string;
  sig: string;
}

function requireText(field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ClipKitValidationError(field, "must be a non-empty string");
  }
  return value;
}

/**
 * Uplynk's request signature: `msg` is the base64 of the zlib-compressed JSON
 * `{"_owner": owner, "_timestamp": <Unix seconds, UTC, integer>}`, and `sig` is the lowercase
 * hex HMAC-SHA256 of that `msg` string keyed with the API key. Both are appended to the query
 * string, replacing any `msg`/`sig` already there. The client's runtime calls `authorize` for
 * every attempt, so each retry carries a fresh timestamp.
 */
export function uplynkSigner(options: UplynkSignerOptions): AuthProvider {
  const owner = requireText("owner", options?.owner);
  // Only this closure holds the key; the returned object has no property that refers to it.
  const apiKey = requireText("apiKey", options.apiKey);
  const now = options.now ?? Date.now;

  // Imported once, on first use; non-extractable, so even the CryptoKey cannot give it back.
  let key: Promise<CryptoKey> | undefined;
  const hmacKey = () => {
    key ??= crypto.subtle.importKey(
      "raw",
      encoder.encode(apiKey),
      { name: "HMAC", hash: "SHA-256" },
      // Stryker disable next-line BooleanLiteral: no test can tell; the CryptoKey never leaves this closure, so non-extractable is defence in depth
      false,
      ["sign"],
    );
    return key;
  };

  let last: { second: number; signed: Promise<UplynkSignedParams> } | undefined;
  const sign = async (): Promise<UplynkSignedParams> => {
    const ms = now();
    if (!Number.isFinite(ms)) {
      throw new ClipKitValidationError("now", `the clock returned ${String(ms)}, not a time in ms`);
    }
    const second = Math.floor(ms / 1000);
    // `msg` and `sig` depend only on the owner and the second: requests within one second
    // share one signature instead of compressing and hashing again each time.
    if (last?.second !== second) {
      const json = JSON.stringify({ _owner: owner, _timestamp: second });
      last = {
        second,
        signed: (async () => {
          const msg = base64(await zlibDeflate(encoder.encode(json)));
          const sig = hex(await crypto.subtle.sign("HMAC", await hmacKey(), encoder.encode(msg)));
          return { msg, sig };
        })(),
      };
      // A failed signing is not kept for the rest of the second.
      const failed = last;
      failed.signed.catch(() => {
        if (last === failed) last = undefined;
      });
    }
    return last.signed;
  };

  const describe = () => `UplynkSigner { owner: ${JSON.stringify(owner)} }`;
  return {
    async authorize(request) {
      const { msg, sig } = await sign();
      const url = new URL(request.url);
      url.searchParams.delete("msg");
      url.searchParams.delete("sig");
      url.searchParams.append("msg", msg);
      url.searchParams.append("sig", sig);
      // The body as bytes, not `request` as the init: that would pass `request.body`, a
      // ReadableStream, and browsers send a stream body as a streaming upload, which Chromium
      // allows over HTTP/2 only ("Failed to fetch" on HTTP/1.1). Uplynk bodies are small JSON.
      return new Request(url, {
        method: request.method,
        headers: request.headers,
        body: request.body === null ? null : await request.arrayBuffer(),
        signal: request.signal,
        redirect: request.redirect,
      });
    },
    toString: describe,
    toJSON: () => ({ type: "UplynkSigner", owner }),
    [inspectSymbol]: describe,
  } as AuthProvider;
}
