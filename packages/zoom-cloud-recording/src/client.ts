import {
  type AuthProvider,
  type ClientOptions,
  createApiClient,
  type TokenProvider,
  toAuthProvider,
} from "@clipkit/core";
import { zoomVendor } from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";

export const DEFAULT_BASE_URL = "https://api.zoom.us/v2";
export const PACKAGE_NAME = "@clipkit/zoom-cloud-recording";
/** This package's version, sent in the User-Agent; a test keeps it equal to package.json's. */
export const VERSION = "0.1.0";

export interface ZoomCloudRecordingClientOptions extends ClientOptions {
  /**
   * An `AuthProvider` (e.g. `serverToServerOAuth(...)` from `@clipkit/zoom-shared`), or an
   * OAuth access token, or a function that returns a current one.
   */
  auth: AuthProvider | TokenProvider;
  /** Defaults to `https://api.zoom.us/v2`. */
  baseUrl?: string;
}

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
