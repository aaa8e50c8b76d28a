import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { deflateSync } from "node:zlib";
import { type AuthProvider, ClipKitValidationError } from "@clipkit/core";

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

  const sign = (): UplynkSignedParams => {
    const ms = now();
    if (!Number.isFinite(ms)) {
      throw new ClipKitValidationError("now", `the clock returned ${String(ms)}, not a time in ms`);
    }
    const json = JSON.stringify({ _owner: owner, _timestamp: Math.floor(ms / 1000) });
    const msg = deflateSync(Buffer.from(json, "utf8")).toString("base64");
    const sig = createHmac("sha256", apiKey).update(msg, "utf8").digest("hex");
    return { msg, sig };
  };

  const describe = () => `UplynkSigner { owner: ${JSON.stringify(owner)} }`;
  return {
    async authorize(request) {
      const { msg, sig } = sign();
      const url = new URL(request.url);
      url.searchParams.delete("msg");
      url.searchParams.delete("sig");
      url.searchParams.append("msg", msg);
      url.searchParams.append("sig", sig);
      return new Request(url, request);
    },
    toString: describe,
    toJSON: () => ({ type: "UplynkSigner", owner }),
    [inspect.custom]: describe,
  } as AuthProvider;
}
