// Failures of a request other than an API's error answer.
import { ClipKitError } from "./clipkit-error.js";

/** The request never got an HTTP answer (refused, reset, DNS...). */
export class ConnectionError extends ClipKitError {
  override name = "ConnectionError";
}

/** An attempt took longer than `timeoutMs`. Distinct from the caller aborting. */
export class TimeoutError extends ClipKitError {
  override name = "TimeoutError";
}

/** The caller aborted through its `signal`. Named "AbortError" like the platform's own. */
export class AbortError extends ClipKitError {
  override name = "AbortError";
}

/** A paginated endpoint handed back a token it had already given: following it would loop. */
export class PaginationLoopError extends ClipKitError {
  override name = "PaginationLoopError";
}

/** A redirect we refuse to follow: no `Location`, a non-http(s) target, a loop or too many hops. */
export class RedirectError extends ClipKitError {
  override name = "RedirectError";
}

/**
 * A 2xx answer whose body is not what the API documents: malformed JSON, an HTML page from a
 * proxy, or no body where one is required. `snippet` is a short, single-line excerpt.
 */
export class ResponseParseError extends ClipKitError {
  override name = "ResponseParseError";
  constructor(
    message: string,
    readonly status: number,
    readonly contentType: string | undefined,
    readonly snippet: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
  protected override details(): Record<string, unknown> {
    return { status: this.status, contentType: this.contentType, snippet: this.snippet };
  }
}
