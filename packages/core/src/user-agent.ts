import { VERSION } from "./version.js";

/**
 * `<package>/<version> clipkit-core/<version> node/<version>`; browsers may drop it, which is fine.
 * `runtime` is Node's `process` where there is one (browsers and workers have none).
 */
export function userAgent(
  vendorAgent: string,
  runtime: { version?: string } | undefined = globalThis.process,
): string {
  const node = runtime?.version ? ` node/${runtime.version}` : "";
  return `${vendorAgent} clipkit-core/${VERSION}${node}`;
}
