import {
  AbortError,
  ApiError,
  type AuthProvider,
  type BackoffOptions,
  ClipKitError,
  ClipKitValidationError,
  ConnectionError,
  DEFAULT_BACKOFF,
  RETRYABLE_STATUSES,
  requestOptionHeaders,
  retryDelay,
  sleep,
  TimeoutError,
  type TokenProvider,
  toAuthProvider,
  unwrap,
} from "@clipkit/core";
import {
  followRedirects,
  headersForHop,
  isZoomHost,
  mayReceiveCredentials,
  zoomVendor,
} from "@clipkit/zoom-shared";
import type { Middleware } from "openapi-fetch";
import type { ZoomClipsClient } from "../client.js";
import { PACKAGE_NAME, VERSION } from "../version.js";

/** What one request sends; called again for a retry or a redirect (307/308 re-send the body). */
export type BodyFactory = () => {
  // RequestInit["body"], not BodyInit: @types/node declares only the former (no DOM lib needed).
  body: NonNullable<RequestInit["body"]> | ReadableStream<Uint8Array>;
  contentType: string;
  contentLength?: number | undefined;
};

/** Options shared by every request an upload or download sends. */
export interface TransportOptions {
  signal?: AbortSignal | undefined;
  /** Redirects followed per request. Default 5. */
  maxRedirects?: number | undefined;
  /**
   * Credentials for redirects to https Zoom hosts other than the client's own
   * (`fileapi.zoom.us` → `us01file.zoom.us`, say): the client signs only its configured
   * origins and does not hand its credentials out. Without this such hops go unsigned.
   * Non-Zoom hosts never get them.
   */
  auth?: AuthProvider | TokenProvider | undefined;
  /** Per-attempt limit until the answer's headers arrive. */
  attemptTimeoutMs?: number | undefined;
  /** Shared by the requests of one upload: set once the server has redirected one of them. */
  redirects?: { seen: boolean } | undefined;
}

export interface Captured {
  url: string;
  headers: Headers;
  fetch: typeof fetch;
  baseUrl: string;
}

type LooseCall = (
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** The vendor for answers that did not come through the client's pipeline. */
export const ZOOM_CLIPS_VENDOR = zoomVendor(PACKAGE_NAME, VERSION);

function capture(into: { value?: Captured }): Middleware {
  return {
    onRequest({ request, options }) {
      into.value = {
        url: request.url,
        headers: new Headers(request.headers),
        fetch: options.fetch,
        baseUrl: options.baseUrl,
      };
      return undefined;
    },
  };
}

/**
 * A fetch for redirect hops: the client's own (its pipeline signs its configured origins),
 * plus `auth` for other https Zoom hosts when the caller gave it.
 */
export function hopFetch(
  captured: Captured,
  trusted: string[],
  options: TransportOptions,
): typeof fetch {
  const auth = options.auth === undefined ? undefined : toAuthProvider(options.auth);
  return async (input, init) => {
    let request = new Request(input, init);
    const url = new URL(request.url);
    if (!mayReceiveCredentials(url, trusted)) {
      request.headers.delete("authorization");
    } else if (
      auth &&
      url.protocol === "https:" &&
      isZoomHost(url.hostname) &&
      !trusted.some((origin) => new URL(origin).origin === url.origin)
    ) {
      request = await auth.authorize(request, { forceRefresh: false });
    }
    return captured.fetch(request);
  };
}

/** The client's configured origins (API and file host) as seen on a captured request. */
function trustedOrigins(captured: Captured): string[] {
  return [new URL(captured.url).origin, new URL(captured.baseUrl).origin];
}

/** Whether `error` (or one of its causes) is fetch refusing a redirect (`redirect: "error"`). */
function isUnexpectedRedirect(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/unexpected redirect/i.test(e.message)) return true;
  }
  return false;
}

/**
 * Sends with `redirect: "error"` first. Node's fetch (undici) clones a request whose redirect
 * mode is not "error" — and cloning tees the body stream, so the branch never read holds every
 * byte sent until the answer comes: a 64 MiB part would cost 64 MiB. Only when the server
 * does redirect is the request sent again with `redirect: "manual"` to read its `Location`
 * (fetch hides it otherwise): that one body goes out twice, and the upload's later requests
 * use "manual" directly (holding each body in flight in memory while it is sent).
 */
async function withoutTee<T>(
  send: (redirect: RequestRedirect) => Promise<T>,
  redirects: { seen: boolean } | undefined,
): Promise<T> {
  // Once a server redirects, later requests of the same upload go "manual" straight away:
  // sending every body twice would cost more than the memory of the tee.
  if (redirects?.seen) return send("manual");
  try {
    return await send("error");
  } catch (error) {
    if (!isUnexpectedRedirect(error)) throw error;
    if (redirects) redirects.seen = true;
    return send("manual");
  }
}

export interface SentRequest {
  response: Response;
  /** The parsed JSON of a 2xx answer. */
  data: unknown;
}

/**
 * Sends one request of the file API through the client (routing to `fileBaseUrl`, auth,
 * validation), follows 30x by hand — re-sending the body, credentials only where
 * `mayReceiveCredentials` allows — and throws the typed `ApiError` for an error answer.
 */
export async function sendFileRequest(
  client: ZoomClipsClient,
  path: string,
  makeBody: BodyFactory,
  options: TransportOptions,
): Promise<SentRequest> {
  const slot: { value?: Captured } = {};
  const optionHeaders = requestOptionHeaders({
    maxRetries: 0,
    ...(options.attemptTimeoutMs !== undefined ? { timeoutMs: options.attemptTimeoutMs } : {}),
  });
  const post = (redirect: RequestRedirect) => {
    const built = makeBody();
    return (client.POST as unknown as LooseCall)(path, {
      body: {},
      bodySerializer: () => built.body,
      headers: {
        ...optionHeaders,
        "Content-Type": built.contentType,
        ...(built.contentLength !== undefined
          ? { "Content-Length": String(built.contentLength) }
          : {}),
      },
      redirect,
      duplex: "half",
      ...(options.signal ? { signal: options.signal } : {}),
      middleware: [capture(slot)],
    });
  };
  const result = await withoutTee(post, options.redirects).catch((error: unknown) => {
    throw asClipKitError(error, options.signal, `POST ${path}`);
  });
  const captured = slot.value;
  if (result.response.status < 300 || result.response.status >= 400 || !captured) {
    return {
      response: result.response,
      data: await unwrap(Promise.resolve(result), ZOOM_CLIPS_VENDOR),
    };
  }
  const trusted = trustedOrigins(captured);
  const send = hopFetch(captured, trusted, options);
  const { response } = await followRedirects(result.response, captured.url, {
    ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
    send: (url, hop) => {
      const method = hop.status === 303 ? "GET" : "POST";
      const hopRequest = (redirect: RequestRedirect) => {
        const headers = headersForHop(url, captured.headers, trusted);
        const init: RequestInit & { duplex: "half" } = {
          method,
          headers,
          redirect,
          duplex: "half",
          ...(options.signal ? { signal: options.signal } : {}),
        };
        headers.delete("content-length");
        if (method === "POST") {
          const again = makeBody();
          init.body = again.body as RequestInit["body"];
          headers.set("content-type", again.contentType);
          if (again.contentLength !== undefined) {
            headers.set("content-length", String(again.contentLength));
          }
        } else headers.delete("content-type");
        return send(url, init);
      };
      return withoutTee(hopRequest, options.redirects).catch((error: unknown) => {
        throw asClipKitError(error, options.signal, `${method} ${url.origin}${url.pathname}`);
      });
    },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text for the error message
  }
  const ok = response.status >= 200 && response.status < 300;
  return {
    response,
    data: await unwrap(
      Promise.resolve(ok ? { data: body, response } : { error: body ?? "", response }),
      ZOOM_CLIPS_VENDOR,
    ),
  };
}

/** Errors from a raw fetch (older clients, redirect hops) as the runtime's typed ones. */
export function asClipKitError(error: unknown, signal: AbortSignal | undefined, what: string) {
  if (error instanceof ClipKitError || error instanceof ClipKitValidationError) return error;
  if (signal?.aborted || (error as { name?: unknown })?.name === "AbortError") {
    return new AbortError(`${what} was aborted by the caller`, { cause: signal?.reason ?? error });
  }
  if (error instanceof TypeError) {
    return new ConnectionError(`${what} failed: no HTTP answer`, { cause: error });
  }
  return error;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** Backoff (exponential, full jitter): base 500 ms, cap 8 s, longest Retry-After 60 s. */
  backoff?: BackoffOptions;
}

/** Whether a failed attempt is worth another, and how long the server asked us to wait. */
export function retryVerdict(error: unknown): { retry: boolean; waitMs?: number | undefined } {
  if (error instanceof AbortError) return { retry: false };
  if (error instanceof ConnectionError || error instanceof TimeoutError) return { retry: true };
  if (error instanceof ApiError) {
    if (!RETRYABLE_STATUSES.has(error.status)) return { retry: false };
    return { retry: true, waitMs: error.rateLimit?.retryAfterMs };
  }
  return { retry: false };
}

/**
 * Runs `attempt` until it succeeds, retrying connection failures, timeouts, 408, 429 and 5xx
 * with exponential backoff (full jitter), or the server's `Retry-After`.
 */
export async function withRetries<T>(
  attempt: (number: number) => Promise<T>,
  options: RetryOptions & { signal?: AbortSignal | undefined; canRetry?: () => boolean },
): Promise<T> {
  const maxRetries = options.maxRetries ?? 4;
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const verdict = retryVerdict(error);
      if (!verdict.retry || n > maxRetries || options.canRetry?.() === false) throw error;
      await sleep(retryDelay(n, backoff, verdict.waitMs, Math.random), options.signal);
    }
  }
}
