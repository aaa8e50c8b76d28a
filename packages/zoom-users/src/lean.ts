// `@clipkit/zoom-users/lean`: the Users client without request validation and `paginate`, for
// apps that count bytes (see the README's "What it costs"). Requests are not checked against
// the spec before they are sent: the server's answer is the check. The main entry's
// `createZoomUsersClient` checks them, and is the one to use unless the bytes matter.
export * from "@clipkit/core/errors";
export { type ServerToServerOAuthOptions, serverToServerOAuth } from "@clipkit/zoom-shared";
export type { components, operations, paths } from "./generated/schema.js";

export { type UsersPaginate, withPaginate } from "./paginate.js";

import {
  buildUsersClient,
  type LeanZoomUsersClient,
  type ZoomUsersClientOptions,
} from "./lean-client.js";

export {
  DEFAULT_BASE_URL,
  type LeanZoomUsersClient,
  PACKAGE_NAME,
  VERSION,
  type ZoomUsersClientOptions,
} from "./lean-client.js";

/**
 * The Zoom Users client on the shared runtime (retries, timeouts, token refresh, typed errors,
 * scopes named in `MissingScopesError`, the rate governor), without the request checks and
 * `paginate` of `createZoomUsersClient` from `@clipkit/zoom-users`.
 */
export function createZoomUsersClient(options: ZoomUsersClientOptions): LeanZoomUsersClient {
  return buildUsersClient(options);
}
