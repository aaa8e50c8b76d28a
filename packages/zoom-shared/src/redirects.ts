import { credentialPolicy } from "@clipkit/core/internal";

export { RedirectError } from "@clipkit/core";
export {
  CREDENTIAL_HEADERS,
  DEFAULT_MAX_REDIRECTS,
  type FollowRedirectsOptions,
  followRedirects,
  headersForHop,
  REDIRECT_STATUSES,
  redirectTarget,
} from "@clipkit/core/internal";

/** `zoom.us` itself or one of its subdomains (`fileapi.zoom.us`, `ssrweb.zoom.us`, …). */
export function isZoomHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "zoom.us" || host.endsWith(".zoom.us");
}

/** Zoom's rule, as the vendor profile states it to core's credential policy. */
export const zoomCredentialRule = (url: URL): boolean =>
  url.protocol === "https:" && isZoomHost(url.hostname);

/**
 * May a request to `url` carry the caller's Zoom credentials? An https Zoom host or one of
 * the client's own origins (`trustedOrigins`). Core's credential policy decides; this is it
 * with Zoom's rule, for code that has no client at hand.
 */
export function mayReceiveCredentials(
  url: string | URL,
  trustedOrigins: Iterable<string> = [],
): boolean {
  const origins = [...trustedOrigins].flatMap((origin) => {
    try {
      return [{ field: "trustedOrigins", url: new URL(origin).origin }];
    } catch {
      return [];
    }
  });
  return credentialPolicy(origins, { mayReceiveCredentials: zoomCredentialRule })(url);
}
