// Following redirects by hand (`redirect: "manual"`), one hop at a time, so that each hop gets
// credentials only where the client's credential policy allows: downloads and uploads use it.
import { RedirectError } from "./errors/request-errors.js";

/** Statuses whose `Location` is followed. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
export const DEFAULT_MAX_REDIRECTS = 5;
/** Headers that carry credentials: dropped on a hop the credential policy does not allow. */
export const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"] as const;

/**
 * The `Location` of a redirect `response`, resolved against `current`, the URL its request went
 * to (a constructed Response's own `url` is ""); throws `RedirectError` for a bad one.
 */
export function redirectTarget(response: Response, current: string): URL | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get("location");
  if (!location) throw new RedirectError(`${response.status} redirect without a Location header`);
  let target: URL;
  try {
    target = new URL(location, current);
  } catch {
    throw new RedirectError(`${response.status} redirect to an unparsable Location`);
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    throw new RedirectError(`refusing to follow a redirect to a ${target.protocol} URL`);
  }
  return target;
}

/** `headers` for a request to `url`: credential headers kept only where `allowed` says so. */
export function headersForHop(
  url: string | URL,
  headers: NonNullable<RequestInit["headers"]>,
  allowed: (url: string | URL) => boolean,
): Headers {
  const out = new Headers(headers);
  if (!allowed(url)) for (const name of CREDENTIAL_HEADERS) out.delete(name);
  return out;
}

function cancel(response: Response): void {
  response.body?.cancel().catch(() => {});
}

export interface FollowRedirectsOptions {
  /** Default 5. */
  maxRedirects?: number | undefined;
  /** Makes the request for each hop after the first (its method, body, headers). */
  send(url: URL, hop: { status: number; number: number }): Promise<Response>;
}

/**
 * Follows redirects by hand (`redirect: "manual"`) from a `first` answer to `firstUrl`;
 * `send` makes each further request. Returns the first answer that is not a redirect.
 */
export async function followRedirects(
  first: Response,
  firstUrl: string,
  options: FollowRedirectsOptions,
): Promise<{ response: Response; url: string }> {
  const max = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let response = first;
  let url = firstUrl;
  for (let hop = 1; ; hop++) {
    const target = redirectTarget(response, url);
    if (!target) return { response, url };
    cancel(response);
    if (hop > max) throw new RedirectError(`more than ${max} redirects`);
    response = await options.send(target, { status: response.status, number: hop });
    url = target.toString();
  }
}
