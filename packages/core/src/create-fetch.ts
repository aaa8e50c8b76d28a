import { trustedOriginCheck } from "./auth/origins.js";
import type { AuthProvider } from "./auth/provider.js";
import { ClipKitError, ConnectionError, TimeoutError } from "./errors.js";
import { type Logger, resolveLogger } from "./logger.js";
import { redactUrl, redactUrlsInText } from "./redact.js";
import { isReplayable } from "./request-body.js";
import { takeRequestOptions } from "./request-options.js";
import { rememberResponse } from "./response-meta.js";
import {
  type BackoffOptions,
  DEFAULT_BACKOFF,
  IDEMPOTENT_METHODS,
  RETRYABLE_STATUSES,
  retryDelay,
  serverRequestedDelay,
} from "./retry.js";
import { sleep as abortableSleep, abortErrorFrom, attemptSignal } from "./timeout.js";
import { userAgent } from "./user-agent.js";
import type { VendorProfile } from "./vendor.js";

export interface ClientOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Per-attempt limit until response headers arrive, in ms. Default 60 000. */
  timeoutMs?: number;
  /** Also retry POST and PATCH. Default false: they may not be safe to repeat. */
  retryPost?: boolean;
  /** Debug logging; also on (to stderr) when `CLIPKIT_LOG=debug`. */
  logger?: Logger;
  /** The fetch underneath. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Origins besides `baseUrl`'s that may receive credentials. */
  trustedOrigins?: string[];
  /** Let credentials travel over plain `http://` to hosts other than loopback. Default false. */
  allowInsecureHttp?: boolean;
  /** Backoff tuning: base 500 ms, cap 8 s, longest server-requested wait 60 s. */
  backoff?: BackoffOptions;
  /** Source of jitter in [0, 1). Default `Math.random`; tests pin it. */
  random?: () => number;
  /** The wait between attempts; must reject when `signal` aborts. Tests record delays with it. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface PipelineOptions extends ClientOptions {
  baseUrl: string;
  auth?: AuthProvider;
  vendor: VendorProfile;
}

const defaultIsAuthFailure = (response: Response) => response.status === 401;

async function peekBody(response: Response): Promise<unknown> {
  const text = await response.clone().text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/** Network failures surface as TypeError from fetch; anything else is the caller's own error. */
function isConnectionFailure(error: unknown): boolean {
  return error instanceof TypeError || (error as { code?: unknown })?.code !== undefined;
}

/**
 * The request pipeline as a plain `fetch`: user agent, auth (own origins only), a timeout
 * per attempt, retries with backoff, logging. Non-2xx answers are returned as they are
 * (errors as data); `unwrap`/`assertOk` turn them into typed errors.
 */
export function createFetch(options: PipelineOptions): typeof fetch {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const { vendor, auth } = options;
  const isTrusted = trustedOriginCheck(options.baseUrl, options.trustedOrigins);
  const logger = resolveLogger(options.logger);
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? abortableSleep;
  const agent = userAgent(vendor.userAgent);
  const isAuthFailure = auth?.isAuthFailure ?? vendor.isAuthFailure ?? defaultIsAuthFailure;

  async function pipeline(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const base = new Request(input, init);
    const perRequest = takeRequestOptions(base.headers);
    const maxRetries = perRequest.maxRetries ?? options.maxRetries ?? 2;
    const timeoutMs = perRequest.timeoutMs ?? options.timeoutMs ?? 60_000;
    const method = base.method.toUpperCase();
    const url = redactUrl(base.url, vendor.redactQueryParams);
    const caller = base.signal;
    const replayable = isReplayable(base, init);
    const mayRetry =
      replayable &&
      (IDEMPOTENT_METHODS.has(method) || (perRequest.retryPost ?? options.retryPost ?? false));
    const withAuth = auth !== undefined && isTrusted(base.url);
    if (!base.headers.has("user-agent")) base.headers.set("User-Agent", agent);

    let retries = 0;
    let forceRefresh = false;
    let refreshed = false;
    let sentAuthorization: string | null = null;
    for (let attempt = 1; ; attempt++) {
      if (caller.aborted) throw abortErrorFrom(caller);
      let request = replayable ? base.clone() : base;
      if (withAuth) {
        request = await auth.authorize(
          request,
          forceRefresh
            ? { forceRefresh, rejectedAuthorization: sentAuthorization }
            : { forceRefresh },
        );
        sentAuthorization = request.headers.get("authorization");
      }
      forceRefresh = false;
      const started = Date.now();
      const timer = attemptSignal(timeoutMs, caller);
      let response: Response;
      try {
        // The signal goes in init too: undici follows a Request's signal through a WeakRef,
        // so an intermediate Request that gets collected would silently drop the timeout.
        response = await fetchImpl(new Request(request, { signal: timer.signal }), {
          signal: timer.signal,
        });
      } catch (error) {
        timer.release();
        const failure = caller.aborted
          ? abortErrorFrom(caller)
          : timer.timedOut()
            ? new TimeoutError(`${method} ${url} timed out after ${timeoutMs} ms`, { cause: error })
            : isConnectionFailure(error) && !(error instanceof ClipKitError)
              ? new ConnectionError(
                  `${method} ${url} failed: ${redactUrlsInText(String((error as Error)?.cause ?? error))}`,
                  { cause: error },
                )
              : error;
        logger?.debug(`${method} ${url} failed`, {
          method,
          url,
          attempt,
          durationMs: Date.now() - started,
          error: failure instanceof Error ? failure.name : "unknown",
        });
        const retryable = failure instanceof ConnectionError || failure instanceof TimeoutError;
        if (!retryable || !mayRetry || retries >= maxRetries) throw failure;
        retries++;
        await pause(retryDelay(retries, backoff, undefined, random), attempt);
        continue;
      } finally {
        timer.clear();
      }
      const status = response.status;
      logger?.debug(`${method} ${url} -> ${status}`, {
        method,
        url,
        status,
        attempt,
        durationMs: Date.now() - started,
      });
      if (!response.ok && withAuth && !refreshed && replayable) {
        if (isAuthFailure(response, await peekBody(response))) {
          refreshed = forceRefresh = true;
          timer.release();
          discard(response);
          logger?.debug(`${method} ${url} auth failure: refreshing credentials once`, { attempt });
          continue;
        }
      }
      if (RETRYABLE_STATUSES.has(status) && mayRetry && retries < maxRetries) {
        retries++;
        const requested = serverRequestedDelay(response.headers, vendor, Date.now());
        timer.release();
        discard(response);
        await pause(retryDelay(retries, backoff, requested, random), attempt);
        continue;
      }
      rememberResponse(response, { vendor, method, url });
      return response;
    }

    async function pause(ms: number, attempt: number): Promise<void> {
      logger?.debug(`${method} ${url} retrying in ${ms} ms`, { attempt, delayMs: ms });
      await wait(ms, caller);
    }
  }

  return pipeline as typeof fetch;
}
