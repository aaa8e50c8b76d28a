import { bearerAuth, type TokenProvider } from "@clipkit/core";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";

export const DEFAULT_BASE_URL = "{{baseUrl}}";

export interface {{Pascal}}ClientOptions {
  /** An access token, or a function that returns a current one. */
  auth: TokenProvider;
  /** Defaults to `{{baseUrl}}`. */
  baseUrl?: string;
  /** A custom fetch (tests, proxies, instrumentation). Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export type {{Pascal}}Client = Client<paths>;

/** A typed openapi-fetch client for the {{title}}. */
export function create{{Pascal}}Client(options: {{Pascal}}ClientOptions): {{Pascal}}Client {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(bearerAuth(options.auth));
  return client;
}
