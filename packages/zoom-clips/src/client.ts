import { requestValidation } from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import {
  buildClipsClient,
  type LeanZoomClipsClient,
  type ZoomClipsClientOptions,
} from "./lean-client.js";
import { type ClipsPaginate, withPaginate } from "./paginate.js";
import { CLIPS_REQUEST_RULES } from "./validation.js";

export interface ZoomClipsClient extends LeanZoomClipsClient, ClipsPaginate {}

/**
 * A typed openapi-fetch client for the Zoom Clips API on the shared runtime (retries,
 * timeouts, token refresh, typed errors through `unwrap`), with `paginate`. Upload operations
 * go to `fileBaseUrl`; credentials go only where the runtime's credential policy allows (the
 * API and file hosts, https Zoom hosts). Each request is checked against the spec before the
 * runtime's fetch: nothing, not even a token request, goes out for a body that breaks a
 * documented limit (`paginate`'s pages included). `@clipkit/zoom-clips/lean` builds the same
 * client without the checks and `paginate`, for bundles that cannot afford them.
 */
export function createZoomClipsClient(options: ZoomClipsClientOptions): ZoomClipsClient {
  return withPaginate(
    buildClipsClient(options, requestValidation(requestSchemas, CLIPS_REQUEST_RULES)),
  );
}
