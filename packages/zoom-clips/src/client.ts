import { bearerAuth, type TokenProvider } from "@clipkit/core";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { isFileServerPath } from "./file-server.js";
import type { paths } from "./generated/schema.js";

export const DEFAULT_BASE_URL = "https://api.zoom.us/v2";
export const DEFAULT_FILE_BASE_URL = "https://fileapi.zoom.us/v2";

export interface ZoomClipsClientOptions {
  /** An OAuth access token, or a function that returns a current one. */
  auth: TokenProvider;
  /** Defaults to `https://api.zoom.us/v2`. */
  baseUrl?: string;
  /** Where the upload operations go. Defaults to `https://fileapi.zoom.us/v2`. */
  fileBaseUrl?: string;
  /** A custom fetch (tests, proxies, instrumentation). Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export type ZoomClipsClient = Client<paths>;

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

/** A typed openapi-fetch client for the Zoom Clips API. */
export function createZoomClipsClient(options: ZoomClipsClientOptions): ZoomClipsClient {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const client = createClient<paths>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(fileServerRouting(baseUrl, options.fileBaseUrl ?? DEFAULT_FILE_BASE_URL));
  client.use(bearerAuth(options.auth));
  return client;
}
