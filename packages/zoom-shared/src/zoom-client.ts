import { type ApiClientOptions, createApiClient, toAuthProvider } from "@clipkit/core";
import { ZOOM_API_BASE_URL, type ZoomClientOptions } from "./client-options.js";
import { zoomVendor } from "./vendor.js";

/** What each Zoom API package gives about itself; the rest comes from the user's options. */
export interface ZoomApi
  extends Pick<ApiClientOptions, "operations" | "validation" | "pathSerializer" | "ownOrigins"> {
  packageName: string;
  version: string;
}

/**
 * A Zoom API's client, built the one way every Zoom package builds it (both its entries):
 * Zoom's base URL by default, the user's auth as a provider, Zoom's vendor profile, the API's
 * operation table (scopes, rate-limit categories) and, when given, its validation; paced by
 * `options.governor` when there is one.
 */
export function createZoomApiClient<Paths extends {}>(
  options: ZoomClientOptions,
  api: ZoomApi,
): ReturnType<typeof createApiClient<Paths>> {
  const { auth, baseUrl, governor, ...clientOptions } = options;
  const { packageName, version, ...apiOptions } = api;
  const client = createApiClient<Paths>({
    ...clientOptions,
    ...apiOptions,
    baseUrl: baseUrl ?? ZOOM_API_BASE_URL,
    auth: toAuthProvider(auth),
    vendor: zoomVendor(packageName, version),
  });
  governor?.govern(client);
  return client;
}
