import { AuthenticationError } from "../errors/api-error.js";
import { ClipKitValidationError } from "../errors/validation-error.js";
import { createPipeline } from "../pipeline/compose.js";
import { assertCredentialTransport } from "../pipeline/credentials.js";
import { parseBody } from "../pipeline/response-body.js";
import type { ClientOptions } from "../policy.js";
import { redactText, redactUrl } from "../redact.js";
import { abortable } from "../timeout.js";
import { defaultErrorFromBody } from "../vendor.js";
import { checkToken } from "./bearer.js";
import type { AuthProvider } from "./provider.js";

export interface ClientCredentialsOptions
  extends Pick<ClientOptions, "fetch" | "maxRetries" | "backoff" | "random" | "sleep" | "logger"> {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Extra form fields, e.g. `grant_type`, `account_id`. `grant_type` defaults to `client_credentials`. */
  params?: Record<string, string>;
  /** Where the client credentials go: an HTTP Basic header (default) or form fields. */
  credentialsIn?: "basic" | "body";
  /**
   * How long before `expires_in` runs out a token is replaced. Default 60 000; never more
   * than half the token's lifetime, so a short-lived token is still reused.
   */
  refreshMarginMs?: number;
  /**
   * Limit for one attempt of the token request, in ms. Default 30 000. The API call that
   * needs the token also stops waiting at its own time limit or abort.
   */
  timeoutMs?: number;
  /** Let the secret travel over plain `http://` to a host other than loopback. Default false. */
  allowInsecureHttp?: boolean;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

export type ClientCredentialsAuth = AuthProvider & {
  /**
   * The cached token, or a new one when it is (nearly) expired or `forceRefresh` is set.
   * `signal` stops this caller's wait (the shared token request goes on for the others).
   */
  getToken(forceRefresh?: boolean, signal?: AbortSignal): Promise<string>;
  /**
   * The scopes the current token was granted (the token response's space-separated `scope`),
   * fetching a token first when none is cached; `undefined` when the response named none.
   */
  grantedScopes(signal?: AbortSignal): Promise<readonly string[] | undefined>;
};

interface CachedToken {
  token: string;
  /** ms since the epoch; Infinity when the server gave no `expires_in`. */
  expiresAt: number;
  /** When to stop serving it: `expiresAt` minus the refresh margin. */
  replaceAt: number;
  /** The token response's `scope`, split on spaces; absent when it had none. */
  scopes?: readonly string[];
}

/** RFC 6749 §5.1's optional `scope`: a space-separated list. */
function scopesOf(parsed: unknown): { scopes?: readonly string[] } {
  const scope = (parsed as { scope?: unknown }).scope;
  return typeof scope === "string" ? { scopes: scope.split(" ").filter(Boolean) } : {};
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

const NEVER = new AbortController().signal;

/**
 * OAuth 2.0 client-credentials grant (RFC 6749 §4.4). Caches the token, replaces it
 * `refreshMarginMs` before it expires, and shares one token request among all concurrent
 * callers. The token request runs through the same lifecycle as every API call (time limit
 * covering its body, retries on 429/5xx and resets, typed errors). The secret lives only in
 * this closure: no property, error or log line holds it.
 */
export function clientCredentials(options: ClientCredentialsOptions): ClientCredentialsAuth {
  const tokenUrl = required("tokenUrl", options.tokenUrl);
  const clientId = required("clientId", options.clientId);
  const clientSecret = required("clientSecret", options.clientSecret);
  assertCredentialTransport("tokenUrl", tokenUrl, options.allowInsecureHttp);
  const inBody = options.credentialsIn === "body";
  const margin = options.refreshMarginMs ?? 60_000;
  if (!Number.isFinite(margin) || margin < 0) {
    throw new ClipKitValidationError("refreshMarginMs", `expected ms ≥ 0, got ${margin}`);
  }
  const now = options.now ?? Date.now;
  if (typeof now !== "function") throw new ClipKitValidationError("now", "expected a function");
  // Zoom and most servers expect the raw `id:secret`, not the form-encoded variant.
  const basic = `Basic ${base64(`${clientId}:${clientSecret}`)}`;
  const secrets = [clientSecret, basic, basic.slice("Basic ".length)];
  const safeUrl = redactUrl(tokenUrl);
  const pipeline = createPipeline({
    baseUrl: tokenUrl,
    vendor: { userAgent: "clipkit-oauth", errorFromBody: defaultErrorFromBody },
    timeoutMs: options.timeoutMs ?? 30_000,
    // Asking for a token again has no side effect worth guarding: retry 5xx and resets too.
    retryPost: true,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });

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
    const body = form.toString();
    const response = await pipeline.send({
      method: "POST",
      url: tokenUrl,
      replayable: true,
      signal: NEVER,
      build: () => new Request(tokenUrl, { method: "POST", headers, body }),
    });
    const raw = await response.text();
    const parsed = parseBody(raw);
    const token = (parsed as { access_token?: unknown } | null)?.access_token;
    if (!response.ok || typeof token !== "string" || token === "") {
      // An endpoint may echo what it was sent: the error keeps only a redacted copy.
      const shown = parseBody(redactText(raw, secrets));
      const error = defaultErrorFromBody(shown);
      throw new AuthenticationError({
        status: response.status,
        method: "POST",
        url: safeUrl,
        ...(error?.code !== undefined ? { code: error.code } : {}),
        apiMessage:
          error?.message ?? (response.ok ? "the token response has no access_token" : undefined),
        body: shown,
      });
    }
    try {
      checkToken(token);
    } catch {
      throw new AuthenticationError({
        status: response.status,
        method: "POST",
        url: safeUrl,
        apiMessage: "the token endpoint returned an access_token that cannot be sent in a header",
      });
    }
    const expiresIn = Number((parsed as { expires_in?: unknown }).expires_in);
    if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
      return {
        token,
        expiresAt: Number.POSITIVE_INFINITY,
        replaceAt: Number.POSITIVE_INFINITY,
        ...scopesOf(parsed),
      };
    }
    const lifetime = expiresIn * 1000;
    const expiresAt = requestedAt + lifetime;
    return {
      token,
      expiresAt,
      replaceAt: expiresAt - Math.min(margin, lifetime / 2),
      ...scopesOf(parsed),
    };
  }

  function getToken(forceRefresh = false, signal?: AbortSignal): Promise<string> {
    if (!forceRefresh && cached && now() < cached.replaceAt) return Promise.resolve(cached.token);
    if (!inflight) {
      // What is cached now was refused or is past its time: never served again, even if the
      // request for a new one fails.
      cached = undefined;
      inflight = requestToken()
        .then((fresh) => {
          cached = fresh;
          return fresh.token;
        })
        .finally(() => {
          inflight = undefined;
        });
    }
    return signal ? abortable(inflight, signal) : inflight;
  }

  return {
    getToken,
    async grantedScopes(signal) {
      await getToken(false, signal);
      return cached?.scopes;
    },
    async authorize(request, ctx) {
      // Many requests refused at once share one refresh; one refused after that refresh
      // finished (its token is no longer the cached one) just takes the new token.
      const stale =
        ctx.forceRefresh &&
        (ctx.rejectedAuthorization == null ||
          cached === undefined ||
          ctx.rejectedAuthorization === `Bearer ${cached.token}`);
      request.headers.set("Authorization", `Bearer ${await getToken(stale, ctx.signal)}`);
      return request;
    },
  };
}
