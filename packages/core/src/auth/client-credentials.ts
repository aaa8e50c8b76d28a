import { AuthenticationError, ConnectionError, TimeoutError } from "../errors.js";
import { redactText, redactUrl } from "../redact.js";
import { ClipKitValidationError } from "../validation-error.js";
import { defaultErrorFromBody } from "../vendor.js";
import { assertCredentialTransport } from "./origins.js";
import type { AuthProvider } from "./provider.js";

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Extra form fields, e.g. `grant_type`, `account_id`. `grant_type` defaults to `client_credentials`. */
  params?: Record<string, string>;
  /** Where the client credentials go: an HTTP Basic header (default) or form fields. */
  credentialsIn?: "basic" | "body";
  /** How long before `expires_in` runs out a token is replaced. Default 60 000. */
  refreshMarginMs?: number;
  /** Limit for one token request, in ms; a stuck endpoint would otherwise stall every call. Default 30 000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Let the secret travel over plain `http://` to a host other than loopback. Default false. */
  allowInsecureHttp?: boolean;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

export type ClientCredentialsAuth = AuthProvider & {
  /** The cached token, or a new one when it is (nearly) expired or `forceRefresh` is set. */
  getToken(forceRefresh?: boolean): Promise<string>;
};

interface CachedToken {
  token: string;
  /** ms since the epoch; Infinity when the server gave no `expires_in`. */
  expiresAt: number;
}

function required(field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ClipKitValidationError(field, "must be a non-empty string");
  }
  return value;
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * OAuth 2.0 client-credentials grant (RFC 6749 §4.4). Caches the token, replaces it
 * `refreshMarginMs` before it expires, and shares one token request among all concurrent
 * callers. The secret lives only in this closure: no property, error or log line holds it.
 */
export function clientCredentials(options: ClientCredentialsOptions): ClientCredentialsAuth {
  const tokenUrl = required("tokenUrl", options.tokenUrl);
  const clientId = required("clientId", options.clientId);
  const clientSecret = required("clientSecret", options.clientSecret);
  assertCredentialTransport("tokenUrl", tokenUrl, options.allowInsecureHttp);
  const inBody = options.credentialsIn === "body";
  const margin = options.refreshMarginMs ?? 60_000;
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Zoom and most servers expect the raw `id:secret`, not the form-encoded variant.
  const basic = `Basic ${base64(`${clientId}:${clientSecret}`)}`;
  const secrets = [clientSecret, basic, basic.slice("Basic ".length)];
  const safeUrl = redactUrl(tokenUrl);

  let cached: CachedToken | undefined;
  let inflight: Promise<string> | undefined;

  async function requestToken(): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: "client_credentials", ...options.params });
    if (inBody) {
      form.set("client_id", clientId);
      form.set("client_secret", clientSecret);
    }
    const headers: Record<string, string> = {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    };
    if (!inBody) headers.Authorization = basic;
    const requestedAt = now();
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), timeoutMs);
    let response: Response;
    let raw: string;
    try {
      response = await fetchImpl(tokenUrl, {
        method: "POST",
        headers,
        body: form,
        signal: timer.signal,
      });
      raw = await response.text();
    } catch (error) {
      if (timer.signal.aborted) {
        throw new TimeoutError(`token request to ${safeUrl} timed out after ${timeoutMs} ms`);
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectionError(
        `token request to ${safeUrl} failed: ${redactText(reason, secrets)}`,
      );
    } finally {
      clearTimeout(handle);
    }
    const text = redactText(raw, secrets);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the (redacted) text for the error.
    }
    const token = (body as { access_token?: unknown } | null)?.access_token;
    if (!response.ok || typeof token !== "string" || token === "") {
      const parsed = defaultErrorFromBody(body);
      throw new AuthenticationError({
        status: response.status,
        method: "POST",
        url: safeUrl,
        ...(parsed?.code !== undefined ? { code: parsed.code } : {}),
        apiMessage:
          parsed?.message ?? (response.ok ? "the token response has no access_token" : undefined),
        body,
      });
    }
    const expiresIn = Number((body as { expires_in?: unknown }).expires_in);
    return {
      token,
      expiresAt: Number.isFinite(expiresIn)
        ? requestedAt + expiresIn * 1000
        : Number.POSITIVE_INFINITY,
    };
  }

  function getToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && cached && now() < cached.expiresAt - margin) {
      return Promise.resolve(cached.token);
    }
    if (!inflight) {
      if (forceRefresh) cached = undefined;
      inflight = requestToken()
        .then((fresh) => {
          cached = fresh;
          return fresh.token;
        })
        .finally(() => {
          inflight = undefined;
        });
    }
    return inflight;
  }

  return {
    getToken,
    async authorize(request, ctx) {
      // Many requests refused at once share one refresh; one refused after that refresh
      // finished (its token is no longer the cached one) just takes the new token.
      const stale =
        ctx.forceRefresh &&
        (ctx.rejectedAuthorization == null ||
          cached === undefined ||
          ctx.rejectedAuthorization === `Bearer ${cached.token}`);
      request.headers.set("Authorization", `Bearer ${await getToken(stale)}`);
      return request;
    },
  };
}
