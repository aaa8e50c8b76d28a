// Signs test events the way Zoom does (its "Using webhooks" page): `v0=` + hex
// HMAC-SHA256(secret, `v0:{timestamp}:{body}`), the timestamp in seconds. node:crypto on
// purpose: an implementation of its own, so a test of @clipkit/zoom-webhooks (Web Crypto)
// does not check the verifier against itself.
import { createHmac } from "node:crypto";

export interface SignOptions {
  /** `x-zm-request-timestamp`, Unix seconds. Default: now. */
  timestamp?: number;
}

export interface SignedZoomWebhook {
  /** The exact bytes that were signed: send these, unchanged. */
  body: Uint8Array;
  headers: {
    "content-type": string;
    "x-zm-request-timestamp": string;
    "x-zm-signature": string;
  };
}

/**
 * Signs an event for a test: an object is sent as `JSON.stringify(event)`; a string or bytes
 * are sent as they are (unusual whitespace, escapes, non-ASCII text stay byte for byte).
 */
export function signZoomWebhook(
  event: object | string | Uint8Array,
  secret: string,
  options: SignOptions = {},
): SignedZoomWebhook {
  const body =
    event instanceof Uint8Array
      ? event
      : new TextEncoder().encode(typeof event === "string" ? event : JSON.stringify(event));
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const mac = createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex");
  return {
    body,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-zm-request-timestamp": timestamp,
      "x-zm-signature": `v0=${mac}`,
    },
  };
}

export interface SendOptions extends SignOptions {
  /** Extra headers (they win over the signed ones: to test a tampered header). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** POSTs a signed event to a receiver, as Zoom would, and returns its answer. */
export async function sendZoomWebhook(
  url: string | URL,
  event: object | string | Uint8Array,
  secret: string,
  options: SendOptions = {},
): Promise<Response> {
  const signed = signZoomWebhook(event, secret, options);
  return (options.fetch ?? fetch)(url, {
    method: "POST",
    headers: { "user-agent": "Zoom Marketplace/1.0a", ...signed.headers, ...options.headers },
    body: signed.body as Uint8Array<ArrayBuffer>,
  });
}
