import type { OperationInfo } from "../operation-info.js";
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
const OPERATION_KEY = "clipkitOperation";

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

/**
 * Names the operation behind a Request: its row of the generated table (rate-limit category,
 * scopes). The client's one middleware does it, so the pipeline looks nothing up again.
 */
export function tagOperation(request: Request, operation: OperationInfo): void {
  (request as unknown as Record<string, unknown>)[OPERATION_KEY] = operation;
}

/** The row `tagOperation` put on a fetch call's Request, if any. */
export function operationOf(input: unknown): OperationInfo | undefined {
  return carried(input, OPERATION_KEY) as OperationInfo | undefined;
}
