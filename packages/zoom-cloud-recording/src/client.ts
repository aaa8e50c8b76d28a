import { bearerAuth, type TokenProvider } from "@clipkit/core";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";

export const DEFAULT_BASE_URL = "https://api.zoom.us/v2";

export interface ZoomCloudRecordingClientOptions {
  /** An OAuth access token, or a function that returns a current one. */
  auth: TokenProvider;
  /** Defaults to `https://api.zoom.us/v2`. */
  baseUrl?: string;
  /** A custom fetch (tests, proxies, instrumentation). Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export type ZoomCloudRecordingClient = Client<paths>;

/** A typed openapi-fetch client for the Zoom Cloud Recording API. */
export function createZoomCloudRecordingClient(
  options: ZoomCloudRecordingClientOptions,
): ZoomCloudRecordingClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(bearerAuth(options.auth));
  return client;
}
