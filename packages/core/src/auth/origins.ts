import { ClipKitValidationError } from "../validation-error.js";

function originOf(field: string, url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new ClipKitValidationError(field, `not an absolute URL: ${JSON.stringify(url)}`);
  }
}

/**
 * A check for "may this request carry our credentials": only the base URL's origin and
 * the explicitly trusted ones, so a redirect target or an absolute URL to a CDN never
 * receives a token.
 */
export function trustedOriginCheck(
  baseUrl: string,
  trustedOrigins: readonly string[] = [],
): (url: string) => boolean {
  const origins = new Set([
    originOf("baseUrl", baseUrl),
    ...trustedOrigins.map((o) => originOf("trustedOrigins", o)),
  ]);
  return (url) => {
    try {
      return origins.has(new URL(url).origin);
    } catch {
      return false;
    }
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
