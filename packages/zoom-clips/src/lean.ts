// `@clipkit/zoom-clips/lean`: the Clips client without request validation and `paginate`, for
// apps that count bytes (see the README's "What it costs"); `withPaginate(client)` adds
// `paginate` back for an app that pages but does not check. Requests are not checked against
// the spec before they are sent: the server's answer is the check. The main entry's
// `createZoomClipsClient` checks them, and is the one to use unless the bytes matter.
export * from "@clipkit/core/errors";
export { type ServerToServerOAuthOptions, serverToServerOAuth } from "@clipkit/zoom-shared";
export type { components, operations, paths } from "./generated/schema.js";
export { type ClipsPaginate, withPaginate } from "./paginate.js";

import {
  buildClipsClient,
  type LeanZoomClipsClient,
  type ZoomClipsClientOptions,
} from "./lean-client.js";

export {
  DEFAULT_BASE_URL,
  DEFAULT_FILE_BASE_URL,
  type LeanZoomClipsClient,
  PACKAGE_NAME,
  VERSION,
  type ZoomClipsClientOptions,
} from "./lean-client.js";

/**
 * The Zoom Clips client on the shared runtime (retries, timeouts, token refresh, typed errors,
 * scopes named in `MissingScopesError`, the rate governor), without the request checks and
 * `paginate` of `createZoomClipsClient` from `@clipkit/zoom-clips`.
 */
export function createZoomClipsClient(options: ZoomClipsClientOptions): LeanZoomClipsClient {
  return buildClipsClient(options);
}
