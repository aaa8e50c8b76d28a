import type { RequestValidator } from "@clipkit/core/internal";
import {
  createZoomApiClient,
  ZOOM_API_BASE_URL,
  type ZoomClientOptions,
} from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import { operationInfo } from "./generated/limits.js";
import type { paths } from "./generated/schema.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = ZOOM_API_BASE_URL;
export { PACKAGE_NAME, VERSION };

export type ZoomUsersClientOptions = ZoomClientOptions;

/** The client of `@clipkit/zoom-users/lean`: typed calls on the runtime, no `paginate`. */
export type LeanZoomUsersClient = Client<paths>;

/**
 * The client both entries build: `validation` is given by the main entry's factory and left
 * out by `./lean`, so that only the first carries the schemas and their checker.
 */
export function buildUsersClient(
  options: ZoomUsersClientOptions,
  validation?: RequestValidator,
): LeanZoomUsersClient {
  return createZoomApiClient<paths>(options, {
    packageName: PACKAGE_NAME,
    version: VERSION,
    // Each operation's scopes (MissingScopesError) and rate-limit category (the governor).
    operations: operationInfo,
    ...(validation ? { validation } : {}),
  });
}
