import { createApiClient, type Paginated, toAuthProvider } from "@clipkit/core";
import { paginator, requestValidation } from "@clipkit/core/internal";
import { ZOOM_API_BASE_URL, type ZoomClientOptions, zoomVendor } from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import { isFileServerPath } from "./file-server.js";
import { requestSchemas } from "./generated/limits.js";
import type { paths } from "./generated/schema.js";
import {
  type ItemOf,
  LIST_ROUTES,
  type ListPath,
  type PageOf,
  type PaginateOptions,
} from "./paginate.js";
import { CLIPS_REQUEST_RULES } from "./validation.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = ZOOM_API_BASE_URL;
export const DEFAULT_FILE_BASE_URL = "https://fileapi.zoom.us/v2";
export { PACKAGE_NAME, VERSION };

export interface ZoomClipsClientOptions extends ZoomClientOptions {
  /** Where the upload operations go. Defaults to `https://fileapi.zoom.us/v2`. */
  fileBaseUrl?: string;
}

export interface ZoomClipsClient extends Client<paths> {
  /**
   * Every item of a list operation (`/clips`, `/accounts/{accountId}/clips`, a clip's
   * collaborators or comments), following `next_page_token`; `.pages()` for whole pages.
   * Error answers throw core's typed errors; a repeated page token `PaginationLoopError`.
   */
  paginate<P extends ListPath>(
    path: P,
    options?: PaginateOptions<P>,
  ): Paginated<PageOf<P>, ItemOf<P>>;
  /** Where the upload operations go (`fileBaseUrl`, without a trailing slash). */
  readonly fileBaseUrl: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * A typed openapi-fetch client for the Zoom Clips API on the shared runtime (retries,
 * timeouts, token refresh, typed errors through `unwrap`). Upload operations go to
 * `fileBaseUrl`; credentials go only where the runtime's credential policy allows (the API
 * and file hosts, https Zoom hosts).
 */
export function createZoomClipsClient(options: ZoomClipsClientOptions): ZoomClipsClient {
  const {
    auth,
    baseUrl = DEFAULT_BASE_URL,
    fileBaseUrl = DEFAULT_FILE_BASE_URL,
    ...clientOptions
  } = options;
  const client = createApiClient<paths>({
    ...clientOptions,
    baseUrl,
    ownOrigins: [fileBaseUrl],
    auth: toAuthProvider(auth),
    vendor: zoomVendor(PACKAGE_NAME, VERSION),
    // One table names each operation's scopes (MissingScopesError) and rate-limit category,
    // and checks each request before the runtime's fetch: nothing, not even a token request,
    // goes out for a body that breaks a documented limit (`paginate`'s pages included).
    operations: requestSchemas,
    validation: requestValidation(CLIPS_REQUEST_RULES),
  });
  // Opt-in: paces each attempt by its operation's rate-limit category.
  options.governor?.govern(client);
  // The upload operations live on the file host: their base URL is given where openapi-fetch
  // builds the URL, not rewritten afterwards.
  const files = trimSlash(fileBaseUrl);
  const post = client.POST as (path: string, init?: object) => unknown;
  client.POST = ((path: string, init?: object) =>
    post(path, isFileServerPath(path) ? { baseUrl: files, ...init } : init)) as typeof client.POST;
  const paginate = paginator(client, LIST_ROUTES);
  return Object.assign(client, { paginate, fileBaseUrl: files }) as unknown as ZoomClipsClient;
}
