import { createApiClient, requestSchemaValidation, toAuthProvider } from "@clipkit/core";
import { ZOOM_API_BASE_URL, type ZoomClientOptions, zoomVendor } from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import { requestSchemas } from "./generated/limits.js";
import type { paths } from "./generated/schema.js";
import { recordingRequestRules } from "./request-rules.js";

export const DEFAULT_BASE_URL = ZOOM_API_BASE_URL;
export const PACKAGE_NAME = "@clipkit/zoom-cloud-recording";
/** This package's version, sent in the User-Agent; a test keeps it equal to package.json's. */
export const VERSION = "0.1.0";

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
  const client = createApiClient<paths>({
    ...clientOptions,
    baseUrl: baseUrl ?? DEFAULT_BASE_URL,
    auth: toAuthProvider(auth),
    vendor: zoomVendor(PACKAGE_NAME, VERSION),
  });
  // Before the runtime's fetch: a request that breaks the spec's limits never gets a token.
  client.use(requestSchemaValidation(requestSchemas));
  client.use(recordingRequestRules());
  return client;
}
