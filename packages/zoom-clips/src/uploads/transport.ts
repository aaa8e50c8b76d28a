/**
 * What downloads/download-clip.ts still uses from the old upload transport, kept until the
 * downloads move onto the client's lifecycle too. Uploads no longer use any of it.
 */
import { type AuthProvider, type TokenProvider, toAuthProvider } from "@clipkit/core";
import { isZoomHost, mayReceiveCredentials, zoomVendor } from "@clipkit/zoom-shared";

/** Options of a download's requests. */
export interface TransportOptions {
  signal?: AbortSignal | undefined;
  /** Redirects followed per request. Default 5. */
  maxRedirects?: number | undefined;
  /**
   * Credentials for redirects to https Zoom hosts other than the client's own
   * (`fileapi.zoom.us` → `us01file.zoom.us`, say): the client signs only its configured
   * origins and does not hand its credentials out. Without this such hops go unsigned.
   * Non-Zoom hosts never get them.
   */
  auth?: AuthProvider | TokenProvider | undefined;
  /** Per-attempt limit until the answer's headers arrive. */
  attemptTimeoutMs?: number | undefined;
  /** Shared by the requests of one upload: set once the server has redirected one of them. */
  redirects?: { seen: boolean } | undefined;
}

export interface Captured {
  url: string;
  headers: Headers;
  fetch: typeof fetch;
  baseUrl: string;
}

/** The vendor for answers that did not come through the client's pipeline. */
export const ZOOM_CLIPS_VENDOR = zoomVendor("@clipkit/zoom-clips", "0.1.0");

/**
 * A fetch for redirect hops: the client's own (its pipeline signs its configured origins),
 * plus `auth` for other https Zoom hosts when the caller gave it.
 */
export function hopFetch(
  captured: Captured,
  trusted: string[],
  options: TransportOptions,
): typeof fetch {
  const auth = options.auth === undefined ? undefined : toAuthProvider(options.auth);
  return async (input, init) => {
    let request = new Request(input, init);
    const url = new URL(request.url);
    if (!mayReceiveCredentials(url, trusted)) {
      request.headers.delete("authorization");
    } else if (
      auth &&
      url.protocol === "https:" &&
      isZoomHost(url.hostname) &&
      !trusted.some((origin) => new URL(origin).origin === url.origin)
    ) {
      request = await auth.authorize(request, { forceRefresh: false });
    }
    return captured.fetch(request);
  };
}
