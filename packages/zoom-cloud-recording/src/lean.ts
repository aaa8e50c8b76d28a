// `@clipkit/zoom-cloud-recording/lean`: the Cloud Recording client without request validation
// and `paginate`, for apps that count bytes (see the README's "What it costs"). Requests are
// not checked against the spec before they are sent: the server's answer is the check. The
// main entry's `createZoomCloudRecordingClient` checks them, and is the one to use unless the
// bytes matter.
export * from "@clipkit/core/errors";
export { type ServerToServerOAuthOptions, serverToServerOAuth } from "@clipkit/zoom-shared";
export type { components, operations, paths } from "./generated/schema.js";

export { type RecordingsPaginate, withPaginate } from "./paginate.js";

import {
  buildRecordingClient,
  type LeanZoomCloudRecordingClient,
  type ZoomCloudRecordingClientOptions,
} from "./lean-client.js";

export {
  DEFAULT_BASE_URL,
  type LeanZoomCloudRecordingClient,
  PACKAGE_NAME,
  VERSION,
  type ZoomCloudRecordingClientOptions,
} from "./lean-client.js";

/**
 * The Zoom Cloud Recording client on the shared runtime (retries, timeouts, token refresh,
 * typed errors, scopes named in `MissingScopesError`, the rate governor), without the request
 * checks and `paginate` of `createZoomCloudRecordingClient` from `@clipkit/zoom-cloud-recording`.
 */
export function createZoomCloudRecordingClient(
  options: ZoomCloudRecordingClientOptions,
): LeanZoomCloudRecordingClient {
  return buildRecordingClient(options);
}
