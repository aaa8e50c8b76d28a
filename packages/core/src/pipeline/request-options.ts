import { ClipKitValidationError } from "../errors/validation-error.js";
import { MAX_TIMER_MS, wholeNumber } from "../policy.js";

/** Per-request overrides of the client's options. */
export interface RequestOptions {
  maxRetries?: number;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  retryPost?: boolean;
  /**
   * Hand the 2xx body over as a stream (under `idleTimeoutMs`) instead of reading it whole
   * under `timeoutMs`. Bodies that are not documents (video, octet-stream) always stream.
   */
  stream?: boolean;
}

// Carried as request headers because both openapi-fetch and a plain fetch pass headers
// through untouched; the pipeline reads and removes them before anything is sent.
const HEADERS = {
  maxRetries: "x-clipkit-max-retries",
  timeoutMs: "x-clipkit-timeout-ms",
  idleTimeoutMs: "x-clipkit-idle-timeout-ms",
  retryPost: "x-clipkit-retry-post",
  stream: "x-clipkit-stream",
} as const;

/** The headers that carry `options`; merge them into any request's headers. */
export function requestOptionHeaders(options: RequestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(HEADERS) as (keyof RequestOptions)[]) {
    if (options[key] !== undefined) out[HEADERS[key]] = String(options[key]);
  }
  return out;
}

type HeadersLike = Headers | [string, string][] | Record<string, unknown> | undefined;

/**
 * `init` (openapi-fetch's per-request options, or a RequestInit) with `options` added, e.g.
 * `client.GET("/x", withRequestOptions({ params }, { maxRetries: 0 }))`.
 */
export function withRequestOptions<T extends object>(init: T, options: RequestOptions): T {
  const headers = (init as { headers?: HeadersLike }).headers;
  const plain: Record<string, unknown> =
    headers instanceof Headers || Array.isArray(headers)
      ? Object.fromEntries(headers instanceof Headers ? headers.entries() : headers)
      : { ...headers };
  return { ...init, headers: { ...plain, ...requestOptionHeaders(options) } };
}

function whole(field: string, value: string | null, min: number, max: number) {
  return value === null
    ? undefined
    : wholeNumber(field, value === "" ? Number.NaN : Number(value), min, max);
}

function flag(field: string, value: string | null): boolean | undefined {
  if (value === null) return undefined;
  if (value !== "true" && value !== "false") {
    throw new ClipKitValidationError(field, `expected true or false, got ${JSON.stringify(value)}`);
  }
  return value === "true";
}

/**
 * Reads the overrides off `headers` and deletes them so they never reach the server. A value
 * out of range throws `ClipKitValidationError` before anything is sent.
 */
export function takeRequestOptions(headers: Headers): RequestOptions {
  // Fast path: most requests carry no override.
  let any = false;
  for (const name of Object.values(HEADERS)) any ||= headers.has(name);
  if (!any) return {};
  const out: RequestOptions = {};
  const maxRetries = whole("maxRetries", headers.get(HEADERS.maxRetries), 0, 100);
  const timeoutMs = whole("timeoutMs", headers.get(HEADERS.timeoutMs), 1, MAX_TIMER_MS);
  const idleTimeoutMs = whole("idleTimeoutMs", headers.get(HEADERS.idleTimeoutMs), 1, MAX_TIMER_MS);
  const retryPost = flag("retryPost", headers.get(HEADERS.retryPost));
  const stream = flag("stream", headers.get(HEADERS.stream));
  for (const name of Object.values(HEADERS)) headers.delete(name);
  if (maxRetries !== undefined) out.maxRetries = maxRetries;
  if (timeoutMs !== undefined) out.timeoutMs = timeoutMs;
  if (idleTimeoutMs !== undefined) out.idleTimeoutMs = idleTimeoutMs;
  if (retryPost !== undefined) out.retryPost = retryPost;
  if (stream !== undefined) out.stream = stream;
  return out;
}
