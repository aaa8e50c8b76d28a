// `@clipkit/uplynk-clipping/lean`: the Clipping client without request validation and
// `paginate`, for apps that count bytes (see the README's "What it costs"). Requests are not
// checked against the spec before they are signed and sent: the server's answer is the check.
// The main entry's `createUplynkClippingClient` checks them, and is the one to use unless the
// bytes matter.
export type { AuthProvider } from "@clipkit/core";
export * from "@clipkit/core/errors";
export type { components, operations, paths } from "./generated/schema.js";

export { type UplynkPaginate, withPaginate } from "./paginate.js";

import {
  buildUplynkClient,
  type LeanUplynkClippingClient,
  type UplynkClippingClientOptions,
} from "./lean-client.js";

export {
  DEFAULT_BASE_URL,
  type LeanUplynkClippingClient,
  PACKAGE_NAME,
  type UplynkClippingClientOptions,
  uplynkVendor,
  VERSION,
} from "./lean-client.js";

/**
 * The Uplynk Clipping client on the shared runtime (signing, retries, timeouts, typed
 * errors), without the request checks and `paginate` of `createUplynkClippingClient` from
 * `@clipkit/uplynk-clipping`.
 */
export function createUplynkClippingClient(
  options: UplynkClippingClientOptions,
): LeanUplynkClippingClient {
  return buildUplynkClient(options);
}
