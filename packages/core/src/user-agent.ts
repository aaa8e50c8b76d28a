import { VERSION } from "./version.js";

/** `<package>/<version> clipkit-core/<version> node/<version>`; browsers may drop it, which is fine. */
export function userAgent(vendorAgent: string): string {
  const runtime =
    typeof process !== "undefined" && process.version ? ` node/${process.version}` : "";
  return `${vendorAgent} clipkit-core/${VERSION}${runtime}`;
}
