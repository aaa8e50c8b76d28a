import { redactText, redactUrlsInText } from "../redact.js";
import { ClipKitError } from "./clipkit-error.js";
import { AbortError, ConnectionError, RedirectError, TimeoutError } from "./request-errors.js";
import { ClipKitValidationError } from "./validation-error.js";

export interface FailureContext {
  /** What was being done, already redacted, e.g. "GET https://api.zoom.us/v2/clips". */
  what: string;
  /** The caller's signal: an abort from there is the caller's `AbortError`. */
  caller?: AbortSignal | undefined;
  /** Whether the time limit (not the caller) stopped it, and what that limit was. */
  timedOut?: (() => boolean) | undefined;
  timeoutMs?: number | undefined;
  /** Values that must never appear in a message (the credentials sent). */
  secrets?: readonly string[] | undefined;
  /** The vendor's own credential-bearing query names, for URLs quoted in a message. */
  redactQueryParams?: readonly string[] | undefined;
  /** False for a step before anything was sent (auth): its TypeErrors are not connection errors. */
  network?: boolean | undefined;
}

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && out.length < 5; e = (e as Error).cause) {
    out.push(e);
  }
  return out;
}

const messageOf = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * The one place where a thrown failure becomes a member of the ClipKit error family: the
 * caller's abort, a time limit, a redirect loop, a connection that failed or broke mid-body.
 * Errors that are already ours pass through; anything else (a bug in user code) too.
 */
export function failureFrom(error: unknown, context: FailureContext): unknown {
  if (error instanceof ClipKitError) return error;
  const { what, caller } = context;
  if (caller?.aborted) {
    return new AbortError(`${what} was aborted by the caller`, { cause: caller.reason });
  }
  if (context.timedOut?.()) {
    return new TimeoutError(`${what} timed out after ${context.timeoutMs} ms`);
  }
  const chain = causes(error);
  // A request body stream of ours that failed (a broken source, an idle body) surfaces as the
  // cause of fetch's TypeError: it is the failure, not a connection error.
  const ours = chain.find((e) => e instanceof ClipKitError);
  if (ours) return ours;
  if (chain.some((e) => /unexpected redirect/i.test(messageOf(e)))) {
    // `redirect: "error"` refused a redirect: sending again would meet the same one.
    return new RedirectError(`${what} was redirected where the request allows none`, {
      cause: error,
    });
  }
  if (chain.some((e) => /redirect count exceeded|too many redirects/i.test(messageOf(e)))) {
    return new RedirectError(`${what} was redirected too many times (a redirect loop?)`);
  }
  if (chain.some((e) => /invalid header (value|name)|not a valid header/i.test(messageOf(e)))) {
    // The platform quotes the whole header in its message: it may be a credential. Drop it.
    return new ClipKitValidationError(
      "headers",
      `${what}: a header value holds characters HTTP does not allow (a newline?); nothing was sent`,
    );
  }
  if (context.network === false) return error;
  if ((error as { name?: unknown })?.name === "AbortError") {
    return new AbortError(`${what} was aborted`, { cause: error });
  }
  if (error instanceof TypeError || (error as { code?: unknown })?.code !== undefined) {
    // The deepest cause says what happened ("connect ECONNREFUSED"); fetch's own is generic.
    const detail = redactText(
      redactUrlsInText(messageOf(chain[chain.length - 1]), context.redactQueryParams),
      // Stryker disable next-line ArrayDeclaration: no secrets, or a placeholder no message holds, redact alike
      context.secrets ?? [],
    );
    return new ConnectionError(`${what} failed: ${detail}`, { cause: error });
  }
  return error;
}
