/**
 * An error answer from the Zoom Clips API, with Zoom's numeric `code` and `message`.
 * Field names follow @clipkit/core's planned `ApiError`, so callers keep working when the
 * shared error classes land.
 */
export class ZoomClipsApiError extends Error {
  override name = "ZoomClipsApiError";
  /** Zoom's error code (not the HTTP status), when the body carried one. */
  readonly code: number | undefined;
  /** Zoom's error message, when the body carried one. */
  readonly apiMessage: string | undefined;
  constructor(
    readonly status: number,
    readonly method: string,
    readonly url: string,
    readonly body: unknown,
  ) {
    const zoom = (typeof body === "object" && body !== null ? body : {}) as {
      code?: unknown;
      message?: unknown;
    };
    const code = typeof zoom.code === "number" ? zoom.code : undefined;
    const apiMessage = typeof zoom.message === "string" ? zoom.message : undefined;
    super(
      `${method} ${url} answered ${status}${code === undefined ? "" : ` (Zoom code ${code})`}: ${apiMessage ?? "no message"}`,
    );
    this.code = code;
    this.apiMessage = apiMessage;
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The `data` of an openapi-fetch result, or a `ZoomClipsApiError` for an error answer.
 * `path` names the operation when the response carries no URL (custom fetches).
 */
export function dataOrThrow<T>(result: FetchResult<T>, method: string, path: string): T {
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) {
    throw new ZoomClipsApiError(response.status, method, redactUrl(response.url || path), error);
  }
  return data as T;
}

/** Drops the query string (it may carry page tokens) from URLs shown in error messages. */
function redactUrl(url: string): string {
  const at = url.indexOf("?");
  return at === -1 ? url : url.slice(0, at);
}
