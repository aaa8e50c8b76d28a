import type { Paginated } from "@clipkit/core";
import { paginator, requestValidation } from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import {
  buildClipsClient,
  type LeanZoomClipsClient,
  type ZoomClipsClientOptions,
} from "./lean-client.js";
import {
  type ItemOf,
  LIST_ROUTES,
  type ListPath,
  type PageOf,
  type PaginateOptions,
} from "./paginate.js";
import { CLIPS_REQUEST_RULES } from "./validation.js";

export interface ZoomClipsClient extends LeanZoomClipsClient {
  /**
   * Every item of a list operation (`/clips`, `/accounts/{accountId}/clips`, a clip's
   * collaborators or comments), following `next_page_token`; `.pages()` for whole pages.
   * Error answers throw core's typed errors; a repeated page token `PaginationLoopError`.
   */
  paginate<P extends ListPath>(
    path: P,
    options?: PaginateOptions<P>,
  ): Paginated<PageOf<P>, ItemOf<P>>;
}

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
  const client = buildClipsClient(options, requestValidation(requestSchemas, CLIPS_REQUEST_RULES));
  return Object.assign(client, {
    paginate: paginator(client, LIST_ROUTES),
  }) as unknown as ZoomClipsClient;
}
