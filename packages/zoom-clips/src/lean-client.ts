import type { RequestValidator } from "@clipkit/core/internal";
import {
  createZoomApiClient,
  ZOOM_API_BASE_URL,
  type ZoomClientOptions,
} from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import { FILE_ROUTE, type FileRoute, isFileServerPath } from "./file-server.js";
import { operationInfo } from "./generated/limits.js";
import type { paths } from "./generated/schema.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = ZOOM_API_BASE_URL;
export const DEFAULT_FILE_BASE_URL = "https://fileapi.zoom.us/v2";
export { PACKAGE_NAME, VERSION };

export interface ZoomClipsClientOptions extends ZoomClientOptions {
  /** Where the upload operations go. Defaults to `https://fileapi.zoom.us/v2`. */
  fileBaseUrl?: string;
}

/** The client of `@clipkit/zoom-clips/lean`: typed calls on the runtime, no `paginate`. */
export interface LeanZoomClipsClient extends Client<paths> {
  /** Where the upload operations go (`fileBaseUrl`, without a trailing slash). */
  readonly fileBaseUrl: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * The client both entries build: `validation` is given by the main entry's factory and left
 * out by `./lean`, so that only the first carries the schemas and their checker.
 */
export function buildClipsClient(
  options: ZoomClipsClientOptions,
  validation?: RequestValidator,
): LeanZoomClipsClient {
  const { fileBaseUrl = DEFAULT_FILE_BASE_URL, ...zoomOptions } = options;
  const client = createZoomApiClient<paths>(zoomOptions, {
    packageName: PACKAGE_NAME,
    version: VERSION,
    // Credentials may go to the file host as well as the API's.
    ownOrigins: [fileBaseUrl],
    // Each operation's scopes (MissingScopesError) and rate-limit category (the governor).
    operations: operationInfo,
    ...(validation ? { validation } : {}),
  });
  // The upload operations live on the file host: their base URL is given where openapi-fetch
  // builds the URL, not rewritten afterwards.
  const files = trimSlash(fileBaseUrl);
  // A `multipartBody` call brings its route (FILE_ROUTE): it is sent in place of fetch, on the
  // upload helpers' route, so only an app that imports `multipartBody` carries that code.
  const post = client.POST as (path: string, init?: object) => unknown;
  const clips = Object.assign(client, { fileBaseUrl: files });
  client.POST = ((path: string, init?: { [FILE_ROUTE]?: FileRoute }) => {
    if (!isFileServerPath(path)) return post(path, init);
    const route = init?.[FILE_ROUTE];
    return post(path, {
      baseUrl: files,
      ...(route && { fetch: (request: Request) => route(clips, request) }),
      ...init,
    });
  }) as typeof client.POST;
  return clips;
}
