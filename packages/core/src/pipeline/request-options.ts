import { checkOptions } from "../option-ranges.js";

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

// A string key, not a symbol: openapi-fetch copies the init's own enumerable keys that a
// Request lacks onto the Request it builds (`for…in`, which skips symbols), so the options
// reach the pipeline's fetch on the Request itself; a plain fetch call carries them in `init`.
const OPTIONS_KEY = "clipkitRequestOptions";
const CATEGORY_KEY = "clipkitRateCategory";

/** `options` checked (a value out of range throws `ClipKitValidationError`), unset keys left out. */
export function checkRequestOptions(options: RequestOptions): RequestOptions {
  return checkOptions(options, REQUEST_OPTIONS);
}

const REQUEST_OPTIONS = [
  "maxRetries",
  "timeoutMs",
  "idleTimeoutMs",
  "retryPost",
  "stream",
] as const;

/**
 * `init` (openapi-fetch's per-request options, or a RequestInit) carrying `options`, e.g.
 * `client.GET("/x", withRequestOptions({ params }, { maxRetries: 0 }))`. The options are
 * checked here, so a bad one throws before anything is sent; nothing of them goes on the wire.
 */
export function withRequestOptions<T extends object>(init: T, options: RequestOptions): T {
  return { ...init, [OPTIONS_KEY]: Object.freeze(checkRequestOptions(options)) };
}

const carried = (carrier: unknown, key: string): unknown =>
  typeof carrier === "object" && carrier !== null
    ? (carrier as Record<string, unknown>)[key]
    : undefined;

/** The options `withRequestOptions` put on a fetch call's `init` or on its Request. */
export function requestOptionsOf(input: unknown, init: unknown): RequestOptions | undefined {
  return (carried(init, OPTIONS_KEY) ?? carried(input, OPTIONS_KEY)) as RequestOptions | undefined;
}

/** Names the rate-limit category of an operation's Request (the governor's middleware does). */
export function tagRateCategory(request: Request, category: string): void {
  (request as unknown as Record<string, unknown>)[CATEGORY_KEY] = category;
}

/** The category `tagRateCategory` named on a fetch call's Request, if any. */
export function rateCategoryOf(input: unknown): string | undefined {
  const category = carried(input, CATEGORY_KEY);
  return typeof category === "string" ? category : undefined;
}
