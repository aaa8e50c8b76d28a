import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createClock, type FakeClock } from "../clock.js";
import {
  createFaultQueue,
  type FaultQueue,
  type FaultRequest,
  type FaultSwitches,
  type FaultTarget,
} from "../faults.js";
import { listenOnLoopback, sendJson } from "../http/listen.js";
import { createRequestValidator } from "../spec/request-validator.js";
import { specGate } from "../spec/spec-gate.js";
import { loadSpec, type MockApi } from "../spec/specs.js";
import { type AccountRateLimitOptions, accountRateLimits } from "./account-rate-limits.js";
import { type CdnRequest, createCdn, type ServedFile } from "./cdn.js";
import { answerFault, DAILY_LIMIT_MESSAGE, PER_SECOND_LIMIT_MESSAGE } from "./fault-answer.js";
import { everyScope, scopeCheck } from "./granted-scopes.js";
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
  /**
   * The scopes the token endpoint grants (its space-separated `scope`). A call to an operation
   * needing none of them is refused as Zoom refuses it: 400, code 4711, "Invalid access token,
   * does not contain scopes:[…]". Default: every scope the specs list (an app that may call
   * everything); `null`: a token response without `scope`, and no call refused for scopes.
   */
  grantedScopes?: readonly string[] | null;
  /** The CDN honours `Range` (default true; false: it always sends the whole file). */
  cdnRanges?: boolean;
  /** Host name in the CDN's URLs (it listens on 127.0.0.1). Default `localhost`. */
  cdnHostname?: string;
  /** The fake's clock; default real time, moved forward with `clock.advance(ms)`. */
  clock?: FakeClock;
  /**
   * Check API requests against the spec first and answer what the spec forbids with Prism's
   * 422 (default false: the fake answers as Zoom does, e.g. 400 code 300).
   */
  validateRequests?: boolean;
  /**
   * Bearer tokens the API accepts besides the ones it issues: for a client built with a fixed
   * `auth` string. Default none.
   */
  bearerTokens?: readonly string[];
}

/**
 * One request to the API host, logged as it arrives; `status` is set once answered (0: no
 * answer, e.g. the connection was reset).
 */
export interface RecordedRequest {
  target: Exclude<FaultTarget, "cdn">;
  method: string;
  /** Path and query, with any `access_token` value replaced by `***`. */
  url: string;
  /** The path alone. */
  path: string;
  /** The Host header: tells `127.0.0.1:…` from `localhost:…`. */
  host: string;
  /** An `Authorization` header arrived (its value is never kept). */
  authorization: boolean;
  status: number;
  /** The fake cut the connection (a `resetConnection` fault). */
  reset?: boolean;
  /** Uploads: the `Content-Length` sent, if any. */
  contentLength?: number;
  /** Uploads: file bytes received in this request. */
  fileBytes?: number;
  /** Multipart part uploads: the `part_number` field. */
  partNumber?: number;
  /** `upload_events`: the event's `method`. */
  event?: string;
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
  /** The same faults, for routes that pick theirs by what they read of a request. */
  faultQueue: FaultQueue;
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
    entry: RecordedRequest,
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
    ...(options.cdnRanges === false ? { ranges: false } : {}),
  });
  const cdnServer = await listenOnLoopback(
    (req, res) => void cdn.handle(req, res).catch(() => res.destroy()),
    options.cdnHostname ?? "localhost",
  );
  let origin = "";
  const granted = options.grantedScopes === undefined ? everyScope() : options.grantedScopes;
  const checkScopes = scopeCheck(granted ?? undefined);
  const handleToken = zoomTokenEndpoint({
    credentials,
    tokens,
    ttlSeconds: tokenTtl,
    ...(granted ? { scope: granted.join(" ") } : {}),
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
      if (token !== undefined && options.bearerTokens?.includes(token)) return;
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

  // Zoom checks the token first (124), then its scopes (4711); download tokens carry none.
  const scoped = async (req: IncomingMessage, url: URL) => {
    if (!url.pathname.startsWith("/v2/")) return;
    const token = bearerToken(req.headers.authorization);
    const fixed = token !== undefined && options.bearerTokens?.includes(token);
    if (!fixed && tokens.check(token) !== "valid") return;
    checkScopes(req.method ?? "GET", url.pathname.slice(3));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://api.invalid");
    const target: RecordedRequest["target"] =
      url.pathname === "/oauth/token"
        ? "token"
        : url.pathname.startsWith("/fileapi/")
          ? "upload"
          : url.pathname.startsWith("/rec/") || url.pathname.endsWith("/download")
            ? "download"
            : "api";
    const redacted = new URL(url);
    if (redacted.searchParams.has("access_token")) redacted.searchParams.set("access_token", "***");
    const entry: RecordedRequest = {
      target,
      method: req.method ?? "GET",
      url: redacted.pathname + redacted.search,
      path: url.pathname,
      host: req.headers.host ?? "",
      authorization: req.headers.authorization !== undefined,
      status: 0,
    };
    requests.push(entry);
    res.on("close", () => {
      entry.status = res.headersSent ? res.statusCode : 0;
    });
    // Upload faults wait for the body's part number or event: the upload routes take them.
    const request: FaultRequest = { method: entry.method, path: entry.path, host: entry.host };
    const fault = target === "upload" ? undefined : faults.take(target, undefined, request);
    if (fault?.kind === "delay") await sleep(fault.ms);
    if (fault?.kind === "reset") {
      entry.reset = true;
      return void req.socket.destroy();
    }
    if (fault?.kind === "rateLimit") return void answerFault(res, fault, headers());
    if (target === "api" && overRateLimit()) {
      return void answerFault(res, { kind: "rateLimit", retryAfterSeconds: 1 }, headers());
    }
    const verdict =
      target === "api" && url.pathname.startsWith("/v2/")
        ? accountLimits?.(entry.method, url.pathname.slice(3))
        : undefined;
    if (verdict?.limited) {
      return zoomError(
        res,
        429,
        429,
        verdict.limited === "QPS" ? PER_SECOND_LIMIT_MESSAGE : DAILY_LIMIT_MESSAGE,
        verdict.headers,
      );
    }
    for (const [name, value] of Object.entries(verdict?.headers ?? {})) res.setHeader(name, value);
    if (fault && answerFault(res, fault, headers())) return;
    const run =
      target === "token"
        ? handleToken(req, res, url)
        : scoped(req, url).then(() => route(req, res, url, ctx, entry));
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
      ? specGate(createRequestValidator(loadSpec(api)), "/v2", (req, res) => void handle(req, res))
      : (req, res) => void handle(req, res),
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
    faultQueue: faults,
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
