// Who may receive a client's credentials, and how they may travel. The providers themselves
// (bearer, client credentials, …) live in auth/; each attempt asks its provider (attempt.ts).
import { ClipKitValidationError } from "../errors/validation-error.js";
import type { VendorProfile } from "../vendor.js";

function originOf(field: string, url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new ClipKitValidationError(field, `not an absolute URL: ${JSON.stringify(url)}`);
  }
}

/** "May a request to this URL carry our credentials?" */
export type CredentialPolicy = (url: string | URL) => boolean;

/**
 * The one decision about who receives credentials, used for every request of a client (API
 * call, upload part, download hop, redirect): the client's own origins (`baseUrl`, a file
 * host, `trustedOrigins`) and whatever the vendor vouches for (Zoom: its https hosts). A CDN,
 * a storage bucket or an http downgrade gets nothing.
 */
export function credentialPolicy(
  ownOrigins: readonly { field: string; url: string }[],
  vendor?: Pick<VendorProfile, "mayReceiveCredentials">,
): CredentialPolicy {
  const origins = new Set(ownOrigins.map((o) => originOf(o.field, o.url)));
  // A URL string that begins with an own origin and "/" has that origin (its authority ends at
  // the "/"): no URL to parse on every request.
  const prefixes = [...origins].filter((o) => o !== "null").map((origin) => `${origin}/`);
  return (url) => {
    // Stryker disable next-line ConditionalExpression,MethodExpression: without the shortcut the parsed origin answers alike
    if (typeof url === "string" && prefixes.some((prefix) => url.startsWith(prefix))) return true;
    let target: URL;
    try {
      target = typeof url === "string" ? new URL(url) : url;
    } catch {
      return false;
    }
    return origins.has(target.origin) || vendor?.mayReceiveCredentials?.(target) === true;
  };
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]`: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** The option that lets credentials travel over plain http:// to a host other than loopback. */
export const ALLOW_INSECURE_HTTP = "allowInsecureHttp";

/**
 * The one rule for the transport of credentials: an `http://` URL that would receive a token,
 * a secret or a signature must be a loopback host, unless the caller set `allowInsecureHttp`.
 * Throws a `ClipKitValidationError` naming `field` and saying how to opt in.
 */
export function assertCredentialTransport(
  field: string,
  url: string,
  allowInsecureHttp = false,
): void {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ClipKitValidationError(field, `not an absolute URL: ${JSON.stringify(url)}`);
  }
  if (target.protocol !== "http:" || allowInsecureHttp || isLoopbackHost(target.hostname)) return;
  throw new ClipKitValidationError(
    field,
    `credentials would travel unencrypted over plain http:// to ${target.host}; use https://, or set \`${ALLOW_INSECURE_HTTP}: true\` to send them anyway (only on a network you trust)`,
  );
}

/** `assertCredentialTransport` for each of a client's own origins (they receive credentials). */
export function assertCredentialOrigins(
  origins: readonly { field: string; url: string }[],
  allowInsecureHttp = false,
): void {
  for (const { field, url } of origins) assertCredentialTransport(field, url, allowInsecureHttp);
}
