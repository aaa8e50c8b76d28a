import { ClipKitValidationError } from "@clipkit/core";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";
import { uplynkSigner } from "./signing.js";
import { retryingFetch } from "./transport.js";

export const DEFAULT_BASE_URL = "https://services.uplynk.com/api/v4";

/** Receives one line per request: method, redacted URL, status and time taken. */
export interface UplynkLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
}

export interface UplynkClippingClientOptions {
  /** The account's user ID, sent as `_owner` inside the signed `msg`. */
  owner: string;
  /** The account's API key; signs every request and is never sent or logged. */
  apiKey: string;
  /** Defaults to `https://services.uplynk.com/api/v4`. */
  baseUrl?: string;
  /** A custom fetch (tests, proxies, instrumentation). Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** The signing clock, in ms since the epoch. Defaults to `Date.now`. */
  now?: () => number;
  /** How many times a failed idempotent request is retried. Default 2. */
  maxRetries?: number;
  /** Per-attempt time limit in ms. Default 30 000. */
  timeoutMs?: number;
  logger?: UplynkLogger;
}

export type UplynkClippingClient = Client<paths>;

/** What `@clipkit/core`'s `VendorProfile` needs to know about Uplynk. */
export const uplynkVendor = {
  userAgent: "clipkit-uplynk-clipping/0.1.0",
  redactQueryParams: ["msg", "sig"],
  errorFromBody(body: unknown) {
    if (typeof body !== "object" || body === null) return undefined;
    const { error, message } = body as { error?: unknown; message?: unknown };
    if (typeof error !== "string" && typeof message !== "string") return undefined;
    return {
      ...(typeof error === "string" ? { code: error } : {}),
      ...(typeof message === "string" ? { message } : {}),
    };
  },
  /** A 401 is a missing, wrong or stale signature; re-signing with a fresh timestamp may fix it. */
  isAuthFailure: (response: Response) => response.status === 401,
};

function nonNegativeInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new ClipKitValidationError(field, `must be a whole number, 0 or more; got ${value}`);
  }
  return value;
}

function positiveMs(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ClipKitValidationError(field, `must be a positive number of ms; got ${value}`);
  }
  return value;
}

/**
 * A typed openapi-fetch client for the Uplynk v4 Clipping API. Every request is signed with
 * `msg`/`sig` query parameters (see `uplynkSigner`).
 */
export function createUplynkClippingClient(
  options: UplynkClippingClientOptions,
): UplynkClippingClient {
  const signer = uplynkSigner({
    owner: options.owner,
    apiKey: options.apiKey,
    ...(options.now ? { now: options.now } : {}),
  });
  const log = options.logger ? options.logger.debug.bind(options.logger) : undefined;
  const client = createClient<paths>({
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    fetch: retryingFetch({
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      signer,
      maxRetries: nonNegativeInteger("maxRetries", options.maxRetries ?? 2),
      timeoutMs: positiveMs("timeoutMs", options.timeoutMs ?? 30_000),
      ...(log ? { log } : {}),
    }),
  });
  client.use({
    onRequest({ request }) {
      request.headers.set("User-Agent", uplynkVendor.userAgent);
      return signer.authorize(request, { forceRefresh: false });
    },
  });
  return client;
}
