import { ClipKitError } from "@clipkit/core";

/** Statuses whose `Location` we follow. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** How many redirects a single request may follow before it fails. */
export const DEFAULT_MAX_REDIRECTS = 5;

/** Headers that carry credentials and are dropped on a hop that may not receive them. */
export const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"] as const;

/** A redirect we refuse to follow: no `Location`, a non-http(s) target, or too many hops. */
export class RedirectError extends ClipKitError {
  override name = "RedirectError";
}

/** `zoom.us` itself or one of its subdomains (`fileapi.zoom.us`, `ssrweb.zoom.us`, …). */
export function isZoomHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "zoom.us" || host.endsWith(".zoom.us");
}

function originOf(url: string | URL): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * May a request to `url` carry the caller's Zoom credentials? Only an https Zoom host
 * (zoom.us and its subdomains) or one of the client's own configured origins (`baseUrl`,
 * `fileBaseUrl`: that is how tests and proxies are trusted) qualifies. Anything else — a
 * CDN, a storage bucket, an http downgrade of a Zoom host — gets no `Authorization`.
 */
export function mayReceiveCredentials(
  url: string | URL,
  trustedOrigins: Iterable<string> = [],
): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  for (const trusted of trustedOrigins) {
    if (originOf(trusted) === target.origin) return true;
  }
  return target.protocol === "https:" && isZoomHost(target.hostname);
}

/**
 * The next URL to request when `response` is a redirect, resolved against `currentUrl`;
 * `undefined` when it is not one. Throws `RedirectError` for a redirect without a usable
 * `Location`.
 */
export function redirectTarget(response: Response, currentUrl: string): URL | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get("location");
  if (!location) {
    throw new RedirectError(`${response.status} redirect without a Location header`);
  }
  let target: URL;
  try {
    target = new URL(location, currentUrl);
  } catch {
    throw new RedirectError(`${response.status} redirect to an unparsable Location`);
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    throw new RedirectError(`refusing to follow a redirect to a ${target.protocol} URL`);
  }
  return target;
}

/**
 * `headers` for a hop to `url`: the credential headers are kept only when
 * `mayReceiveCredentials` allows it. Pass the original (signed) headers for every hop, so a
 * chain Zoom → CDN → Zoom gets them back on the last hop and never on the middle one.
 */
export function headersForHop(
  url: string | URL,
  headers: NonNullable<RequestInit["headers"]>,
  trustedOrigins: Iterable<string>,
): Headers {
  const out = new Headers(headers);
  if (!mayReceiveCredentials(url, trustedOrigins)) {
    for (const name of CREDENTIAL_HEADERS) out.delete(name);
  }
  return out;
}

export interface FollowRedirectsOptions {
  /** Default 5. */
  maxRedirects?: number;
  /** Called for every hop after the first, with its 1-based number. */
  send(url: URL, hop: { status: number; number: number }): Promise<Response>;
}

/**
 * Follows redirects by hand (`redirect: "manual"`) from a `first` answer to `firstUrl`:
 * `send` makes each further request (it decides body, method and headers, typically with
 * `headersForHop`). Returns the first non-redirect answer and its URL.
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
    response.body?.cancel().catch(() => {});
    if (hop > max) throw new RedirectError(`more than ${max} redirects`);
    const status = response.status;
    response = await options.send(target, { status, number: hop });
    url = target.toString();
  }
}
