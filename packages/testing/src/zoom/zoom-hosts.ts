import type { IncomingMessage, ServerResponse } from "node:http";
import { createClock, type FakeClock } from "../clock.js";
import { createFaultQueue, type FaultSwitches, type FaultTarget } from "../faults.js";
import { listenOnLoopback, sendJson } from "../http/listen.js";
import { createRequestValidator } from "../spec/request-validator.js";
import { specGate } from "../spec/spec-gate.js";
import { loadSpec, type MockApi } from "../spec/specs.js";
import {
  type AccountRateLimitOptions,
  accountRateLimits,
  type CountedRateLimit,
} from "./account-rate-limits.js";
import { type CdnRequest, createCdn, type ServedFile } from "./cdn.js";
import { type ZoomAppCredentials, zoomAppCredentials, zoomTokenEndpoint } from "./oauth.js";
import { bearerToken, createTokenStore, type TokenStore } from "./tokens.js";
import { ZoomFakeError } from "./zoom-error.js";

/** Options every Zoom fake takes. */
export interface ZoomHostOptions {
  /** The Server-to-Server OAuth app the token endpoint accepts. Defaults are fixed fake values. */
  credentials?: Partial<ZoomAppCredentials>;
  /** Lifetime of issued access tokens (`expires_in`). Default 3599, as Zoom's. */
  tokenTtlSeconds?: number;
  /** Lifetime of the signed CDN URLs downloads redirect to. Default 3600. */
  signedUrlTtlSeconds?: number;
  /** Answer 429 to API requests beyond this many per second (off by default). */
  rateLimitPerSecond?: number;
  /**
   * Enforce Zoom's account rate limits per category (each operation's `x-rate-limit-label`),
   * with its `X-RateLimit-*` headers on every answer, `Retry-After` an ISO date on a 429, and
   * the Heavy + Resource-intensive daily cap (off by default).
   */
  accountRateLimits?: AccountRateLimitOptions;
  /** Host name in the CDN's URLs (it listens on 127.0.0.1). Default `localhost`. */
  cdnHostname?: string;
  /** The fake's clock; default real time, moved forward with `clock.advance(ms)`. */
  clock?: FakeClock;
  /**
   * Check API requests against the spec first and answer what the spec forbids with Prism's
   * 422 (default false: the fake answers as Zoom does, e.g. 400 code 300).
   */
  validateRequests?: boolean;
}

/** One request the API host answered (`status` 0: the connection was reset). */
export interface RecordedRequest {
  target: Exclude<FaultTarget, "cdn">;
  method: string;
  /** Path and query, with any `access_token` value replaced by `***`. */
  url: string;
  status: number;
  /** With `accountRateLimits`: the category the request counted in, and its limit. */
  rateLimit?: CountedRateLimit;
}

export interface ZoomRouteContext {
  origin: string;
  clock: FakeClock;
  /** Throws 401 code 124 unless the request has a valid token (`allowQuery`: also `access_token`). */
  authorize(req: IncomingMessage, url: URL, allowQuery?: boolean): void;
  /** Zoom's response headers (`x-zm-trackingid`, rate limits). */
  headers(): Record<string, string | number>;
  /** The signed CDN URL of a file. */
  cdnUrlOf(file: Pick<ServedFile, "key" | "extension">): string;
  /** Tokens only downloads accept (`download_access_token`). */
  downloadTokens: TokenStore;
}

export interface ZoomHosts {
  origin: string;
  cdnUrl: string;
  credentials: ZoomAppCredentials;
  clock: FakeClock;
  faults: FaultSwitches & { expireTokens(): void };
  requests: RecordedRequest[];
  cdnRequests: CdnRequest[];
  credentialLeaks(): CdnRequest[];
  tokensIssued(): number;
  issueToken(): string;
  /** A `download_token` (as webhooks carry): accepted by download URLs until it expires. */
  issueDownloadToken(ttlSeconds: number): string;
  close(): Promise<void>;
}

/**
 * The part every Zoom fake shares: the API host (token endpoint, API routes, download URLs),
 * the CDN host, bearer tokens that expire, fault switches and request logs. `route` answers
 * the API's own paths; a thrown `ZoomFakeError` becomes Zoom's error body.
 */
export async function startZoomHosts(
  api: MockApi,
  options: ZoomHostOptions,
  files: (key: string) => ServedFile | undefined,
  route: (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    ctx: ZoomRouteContext,
  ) => Promise<void>,
): Promise<ZoomHosts> {
  const clock = options.clock ?? createClock();
  const credentials = zoomAppCredentials(options.credentials);
  const tokenTtl = options.tokenTtlSeconds ?? 3599;
  const tokens = createTokenStore(clock);
  const downloadTokens = createTokenStore(clock);
  const faults = createFaultQueue();
  const requests: RecordedRequest[] = [];
  const cdnRequests: CdnRequest[] = [];
  let trackingId = 0;
  let second = 0;
  let inSecond = 0;

  const cdn = createCdn({
    clock,
    faults,
    signedUrlTtlSeconds: options.signedUrlTtlSeconds ?? 3600,
    fileByKey: files,
    issuedTokens: () => [...tokens.all(), ...downloadTokens.all()],
    record: (request) => cdnRequests.push(request),
  });
  const cdnServer = await listenOnLoopback(
    (req, res) => void cdn.handle(req, res).catch(() => res.destroy()),
    options.cdnHostname ?? "localhost",
  );
  let origin = "";
  const handleToken = zoomTokenEndpoint({
    credentials,
    tokens,
    ttlSeconds: tokenTtl,
    scope: `${api}:fake`,
    apiUrl: () => origin,
  });

  const accountLimits = options.accountRateLimits
    ? accountRateLimits(options.accountRateLimits, clock.now)
    : undefined;

  function rateLimitHeaders(): Record<string, string | number> {
    // Per category: set on the response before the route answers (see handle).
    if (accountLimits) return {};
    const limit = options.rateLimitPerSecond;
    if (limit === undefined) return { "x-ratelimit-limit": 30, "x-ratelimit-remaining": 29 };
    return { "x-ratelimit-limit": limit, "x-ratelimit-remaining": Math.max(0, limit - inSecond) };
  }

  function overRateLimit(): boolean {
    const limit = options.rateLimitPerSecond;
    if (limit === undefined) return false;
    const now = Math.floor(Date.now() / 1000);
    if (now !== second) {
      second = now;
      inSecond = 0;
    }
    inSecond++;
    return inSecond > limit;
  }

  const headers = () => ({
    "x-zm-trackingid": `v=2.0;clid=us05;rid=FAKE_${++trackingId}`,
    ...rateLimitHeaders(),
  });
  const zoomError = (
    res: ServerResponse,
    status: number,
    code: number,
    message: string,
    extra = {},
  ) => sendJson(res, status, { code, message }, { ...headers(), ...extra });

  const ctx: ZoomRouteContext = {
    get origin() {
      return origin;
    },
    clock,
    downloadTokens,
    headers,
    cdnUrlOf: (file) => `${cdnServer.origin}${cdn.signedPath(file)}`,
    authorize(req, url, allowQuery = false) {
      const token =
        bearerToken(req.headers.authorization) ??
        (allowQuery ? (url.searchParams.get("access_token") ?? undefined) : undefined);
      const state = tokens.check(token);
      if (state === "valid") return;
      if (allowQuery) {
        const download = downloadTokens.check(token);
        if (download === "valid") return;
        if (download === "expired") throw new ZoomFakeError(401, 124, "Access token is expired.");
      }
      if (state === "expired") throw new ZoomFakeError(401, 124, "Access token is expired.");
      throw new ZoomFakeError(401, 124, "Invalid access token.");
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://api.invalid");
    const target: RecordedRequest["target"] =
      url.pathname === "/oauth/token"
        ? "token"
        : url.pathname.startsWith("/rec/") || url.pathname.endsWith("/download")
          ? "download"
          : "api";
    const redacted = new URL(url);
    if (redacted.searchParams.has("access_token")) redacted.searchParams.set("access_token", "***");
    const entry: RecordedRequest = {
      target,
      method: req.method ?? "GET",
      url: redacted.pathname + redacted.search,
      status: 0,
    };
    res.on("close", () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      requests.push(entry);
    });
    const fault = faults.take(target);
    if (fault?.kind === "reset") return void req.socket.destroy();
    if (fault?.kind === "rateLimit" || (target === "api" && overRateLimit())) {
      const seconds = fault?.kind === "rateLimit" ? fault.retryAfterSeconds : 1;
      return zoomError(
        res,
        429,
        429,
        "You have reached the maximum per-second rate limit for this API. Try again later.",
        { "retry-after": seconds, "x-ratelimit-type": "QPS", "x-ratelimit-remaining": 0 },
      );
    }
    const verdict =
      target === "api" && url.pathname.startsWith("/v2/")
        ? accountLimits?.(entry.method, url.pathname.slice(3))
        : undefined;
    if (verdict) {
      const { category, limit, windowMs } = verdict;
      entry.rateLimit = { category, limit, windowMs };
    }
    if (verdict?.limited) {
      return zoomError(
        res,
        429,
        429,
        verdict.limited === "QPS"
          ? "You have reached the maximum per-second rate limit for this API. Try again later."
          : "You have reached the maximum daily rate limit for this API.",
        verdict.headers,
      );
    }
    for (const [name, value] of Object.entries(verdict?.headers ?? {})) res.setHeader(name, value);
    if (fault?.kind === "dailyLimit") {
      return zoomError(
        res,
        429,
        429,
        "You have reached the maximum daily rate limit for this API.",
        {
          "retry-after": fault.resetsAt,
          "x-ratelimit-type": "Daily-limit",
          "x-ratelimit-remaining": 0,
        },
      );
    }
    if (fault?.kind === "serverError") {
      return zoomError(res, fault.status, fault.status, "Internal server error.");
    }
    const run = target === "token" ? handleToken(req, res, url) : route(req, res, url, ctx);
    run.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof ZoomFakeError) {
        return zoomError(res, error.status, error.code, error.message);
      }
      zoomError(res, 500, 500, "The fake failed; see its test output.");
      console.error(error);
    });
  };
  const apiServer = await listenOnLoopback(
    options.validateRequests
      ? specGate(createRequestValidator(loadSpec(api)), "/v2", handle)
      : handle,
  );
  origin = apiServer.origin;

  return {
    origin,
    cdnUrl: cdnServer.origin,
    credentials,
    clock,
    faults: {
      ...faults,
      expireTokens() {
        tokens.expireAll();
        downloadTokens.expireAll();
      },
    },
    requests,
    cdnRequests,
    credentialLeaks: () => cdnRequests.filter((r) => r.authorization || r.leakedToken),
    tokensIssued: () => tokens.issuedCount(),
    issueToken: () => tokens.issue(tokenTtl),
    issueDownloadToken: (ttlSeconds) => downloadTokens.issue(ttlSeconds, "fake_dt_"),
    async close() {
      await Promise.all([apiServer.close(), cdnServer.close()]);
    },
  };
}
