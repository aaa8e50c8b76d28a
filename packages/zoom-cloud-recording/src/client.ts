import { createApiClient, toAuthProvider } from "@clipkit/core";
import { ZOOM_API_BASE_URL, type ZoomClientOptions, zoomVendor } from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = ZOOM_API_BASE_URL;
export { PACKAGE_NAME, VERSION };

export type ZoomCloudRecordingClientOptions = ZoomClientOptions;

export type ZoomCloudRecordingClient = Client<paths>;

/**
 * A typed openapi-fetch client for the Zoom Cloud Recording API, on the shared runtime:
 * retries, timeouts, token refresh on Zoom's code 124, typed errors through `unwrap`.
 */
export function createZoomCloudRecordingClient(
  options: ZoomCloudRecordingClientOptions,
): ZoomCloudRecordingClient {
  const { auth, baseUrl, ...clientOptions } = options;
  return createApiClient<paths>({
    ...clientOptions,
    baseUrl: baseUrl ?? DEFAULT_BASE_URL,
    auth: toAuthProvider(auth),
    vendor: zoomVendor(PACKAGE_NAME, VERSION),
  });
}
