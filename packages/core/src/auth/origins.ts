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
