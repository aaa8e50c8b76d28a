import { createApiClient, toAuthProvider } from "@clipkit/core";
import { ZOOM_API_BASE_URL, type ZoomClientOptions, zoomVendor } from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";
import { zoomPathSerializer } from "./meeting-path.js";

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
  return withPathSerializer(client);
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * Gives every request Zoom's path serializer (meeting UUIDs double-encoded where Zoom requires
 * it) unless the caller passes its own. Core's createApiClient takes no client options, so
 * the default is set per request.
 */
function withPathSerializer(client: ZoomCloudRecordingClient): ZoomCloudRecordingClient {
  for (const method of METHODS) {
    const send = client[method] as (url: unknown, init?: object) => unknown;
    (client as unknown as Record<string, unknown>)[method] = (url: unknown, init?: object) =>
      send(url, { pathSerializer: zoomPathSerializer, ...init });
  }
  const request = client.request as (method: unknown, url: unknown, init?: object) => unknown;
  (client as unknown as Record<string, unknown>).request = (
    method: unknown,
    url: unknown,
    init?: object,
  ) => request(method, url, { pathSerializer: zoomPathSerializer, ...init });
  return client;
}
