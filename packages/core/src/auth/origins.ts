import { ClipKitValidationError } from "../errors.js";
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
  return (url) => {
    let target: URL;
    try {
      target = typeof url === "string" ? new URL(url) : url;
    } catch {
      return false;
    }
    return origins.has(target.origin) || vendor?.mayReceiveCredentials?.(target) === true;
  };
}

/** The credential policy of `baseUrl` plus `trustedOrigins`, for a vendor without its own rule. */
export function trustedOriginCheck(
  baseUrl: string,
  trustedOrigins: readonly string[] = [],
): CredentialPolicy {
  return credentialPolicy([
    { field: "baseUrl", url: baseUrl },
    ...trustedOrigins.map((url) => ({ field: "trustedOrigins", url })),
  ]);
}
