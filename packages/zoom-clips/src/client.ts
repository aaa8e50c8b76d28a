import { createApiClient, toAuthProvider } from "@clipkit/core";
import { ZOOM_API_BASE_URL, type ZoomClientOptions, zoomVendor } from "@clipkit/zoom-shared";
import type { Client, Middleware } from "openapi-fetch";
import { isFileServerPath } from "./file-server.js";
import type { paths } from "./generated/schema.js";
import {
  type Clip,
  type ClipsPage,
  type ListAccountClipsQuery,
  type ListClipsQuery,
  type Paginated,
  paginateAccountClips,
  paginateClips,
} from "./paginate.js";
import { requestValidation } from "./validation.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = ZOOM_API_BASE_URL;
export const DEFAULT_FILE_BASE_URL = "https://fileapi.zoom.us/v2";
export { PACKAGE_NAME, VERSION };

export interface ZoomClipsClientOptions extends ZoomClientOptions {
  /** Where the upload operations go. Defaults to `https://fileapi.zoom.us/v2`. */
  fileBaseUrl?: string;
}

export interface ZoomClipsClient extends Client<paths> {
  /** Every clip of `GET /clips`, following `next_page_token`; `.pages()` for whole pages. */
  paginate(
    path: "/clips",
    options?: { query?: ListClipsQuery; signal?: AbortSignal },
  ): Paginated<ClipsPage, Clip>;
  /** Every clip of a sub account (`GET /accounts/{accountId}/clips`). */
  paginate(
    path: "/accounts/{accountId}/clips",
    options: { path: { accountId: string }; query?: ListAccountClipsQuery; signal?: AbortSignal },
  ): Paginated<ClipsPage, Clip>;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * Sends the upload operations (`POST /clips/files…`) to the file server: openapi-fetch built
 * their URL on `baseUrl`; this swaps that prefix for `fileBaseUrl`.
 */
export function fileServerRouting(baseUrl: string, fileBaseUrl: string): Middleware {
  const from = trimSlash(baseUrl);
  const to = trimSlash(fileBaseUrl);
  return {
    onRequest({ request, schemaPath }) {
      if (!isFileServerPath(schemaPath) || from === to) return undefined;
      if (!request.url.startsWith(from)) return undefined;
      return new Request(to + request.url.slice(from.length), request);
    },
  };
}

/**
 * A typed openapi-fetch client for the Zoom Clips API on the shared runtime (retries,
 * timeouts, token refresh, typed errors through `unwrap`). Upload operations go to
 * `fileBaseUrl`; credentials are sent to the API and file hosts only.
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
    auth: toAuthProvider(auth),
    vendor: zoomVendor(PACKAGE_NAME, VERSION),
    trustedOrigins: [...(clientOptions.trustedOrigins ?? []), fileBaseUrl],
  });
  // Middleware runs before the runtime's fetch (which signs the request): nothing, not even
  // a token request, goes out for a body that breaks a documented limit.
  client.use(requestValidation());
  client.use(fileServerRouting(baseUrl, fileBaseUrl));
  const paginate = (
    path: string,
    opts: { path?: { accountId: string }; query?: ListClipsQuery; signal?: AbortSignal } = {},
  ) => {
    const { path: pathParams, ...rest } = opts;
    if (path === "/accounts/{accountId}/clips") {
      if (!pathParams?.accountId) throw new TypeError("paginate: give path.accountId");
      return paginateAccountClips(client, pathParams.accountId, rest);
    }
    if (path === "/clips") return paginateClips(client, rest);
    throw new TypeError(`paginate: ${path} is not a paginated list of clips`);
  };
  return Object.assign(client, { paginate }) as ZoomClipsClient;
}
