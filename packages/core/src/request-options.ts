/** Per-request overrides of the client's options. */
export interface RequestOptions {
  maxRetries?: number;
  timeoutMs?: number;
  retryPost?: boolean;
}

// Carried as request headers because both openapi-fetch and a plain fetch pass headers
// through untouched; the pipeline reads and removes them before anything is sent.
const HEADERS = {
  maxRetries: "x-clipkit-max-retries",
  timeoutMs: "x-clipkit-timeout-ms",
  retryPost: "x-clipkit-retry-post",
} as const;

/** The headers that carry `options`; merge them into any request's headers. */
export function requestOptionHeaders(options: RequestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  if (options.maxRetries !== undefined) out[HEADERS.maxRetries] = String(options.maxRetries);
  if (options.timeoutMs !== undefined) out[HEADERS.timeoutMs] = String(options.timeoutMs);
  if (options.retryPost !== undefined) out[HEADERS.retryPost] = String(options.retryPost);
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

function nonNegativeInt(value: string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Reads the overrides off `headers` and deletes them so they never reach the server. */
export function takeRequestOptions(headers: Headers): RequestOptions {
  const maxRetries = nonNegativeInt(headers.get(HEADERS.maxRetries));
  const timeoutMs = nonNegativeInt(headers.get(HEADERS.timeoutMs));
  const retryPost = headers.get(HEADERS.retryPost);
  for (const name of Object.values(HEADERS)) headers.delete(name);
  return {
    ...(maxRetries !== undefined ? { maxRetries } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retryPost !== null ? { retryPost: retryPost === "true" } : {}),
  };
}
