// Retries and per-attempt timeouts around fetch. A local stand-in for what `createApiClient`
// in @clipkit/core will do for every client; it goes away when that lands.
import { redactUrl } from "./errors.js";
import type { UplynkAuthProvider } from "./signing.js";

export interface TransportOptions {
  fetch: typeof fetch;
  signer: UplynkAuthProvider;
  maxRetries: number;
  timeoutMs: number;
  /** Waits before retry n (1-based); injectable so tests need not sleep. */
  backoffMs?: (attempt: number, response: Response | undefined) => number;
  log?: (message: string, meta: Record<string, unknown>) => void;
}

/** One attempt took longer than `timeoutMs`. */
export class UplynkTimeoutError extends Error {
  override name = "TimeoutError";
  constructor(
    readonly method: string,
    /** With `msg` and `sig` redacted. */
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`${method} ${new URL(url).pathname} got no answer within ${timeoutMs} ms`);
  }
}

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "DELETE"]);
const retryable = (status: number) => status === 429 || status >= 500;

function defaultBackoff(attempt: number, response: Response | undefined): number {
  const retryAfter = Number(response?.headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, 30_000);
  return Math.min(250 * 2 ** (attempt - 1), 8_000) * (0.5 + Math.random() / 2);
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      signal.removeEventListener("abort", stop);
      resolve();
    };
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", stop, { once: true });
  });

/**
 * A fetch that gives each attempt `timeoutMs`, and retries idempotent requests (never POST)
 * after a network error, 429 or 5xx, up to `maxRetries` times, re-signing every retry so its
 * timestamp is fresh.
 */
export function retryingFetch(options: TransportOptions): (request: Request) => Promise<Response> {
  const backoff = options.backoffMs ?? defaultBackoff;
  return async (original) => {
    const method = original.method.toUpperCase();
    const retries = IDEMPOTENT.has(method) ? options.maxRetries : 0;
    const url = redactUrl(original.url);
    for (let attempt = 0; ; attempt++) {
      const request =
        attempt === 0
          ? original.clone()
          : await options.signer.authorize(original.clone(), { forceRefresh: true });
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = AbortSignal.any([original.signal, timeout]);
      const started = Date.now();
      let response: Response | undefined;
      try {
        response = await options.fetch(new Request(request, { signal }));
      } catch (error) {
        if (original.signal.aborted) throw original.signal.reason;
        const failure = timeout.aborted
          ? new UplynkTimeoutError(method, url, options.timeoutMs)
          : error;
        options.log?.(`${method} ${url} failed: ${(failure as Error).message}`, { attempt });
        if (attempt >= retries) throw failure;
      }
      if (response) {
        options.log?.(`${method} ${url} -> ${response.status}`, {
          attempt,
          ms: Date.now() - started,
        });
        if (!retryable(response.status) || attempt >= retries) return response;
        await response.body?.cancel();
      }
      await pause(backoff(attempt + 1, response), original.signal);
    }
  };
}
