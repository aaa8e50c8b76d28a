import {
  type AuthProvider,
  type ClientOptions,
  createApiClient,
  type TokenProvider,
  toAuthProvider,
  type VendorProfile,
} from "@clipkit/core";
import { requestValidation } from "@clipkit/core/internal";
import type { Client } from "openapi-fetch";
import { requestSchemas } from "./generated/limits.js";
import type { paths } from "./generated/schema.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = "{{baseUrl}}";
export { PACKAGE_NAME, VERSION };

/**
 * What the shared runtime needs to know about the {{title}}. Start minimal; add the API's
 * request-ID header, error body shape and rate-limit headers as its documentation teaches.
 */
export const {{camel}}Vendor: VendorProfile = {
  userAgent: `${PACKAGE_NAME}/${VERSION}`,
};

export interface {{Pascal}}ClientOptions extends ClientOptions {
  /** An `AuthProvider`, or a bearer token, or a function that returns a current one. */
  auth: AuthProvider | TokenProvider;
  /** Defaults to `{{baseUrl}}`. */
  baseUrl?: string;
}

export type {{Pascal}}Client = Client<paths>;

/**
 * A typed openapi-fetch client for the {{title}}, on the shared runtime (auth, retries,
 * timeouts, typed errors through `unwrap` from `@clipkit/core`). Every request is checked
 * against the spec's limits (src/generated/limits.ts) before anything is sent.
 */
export function create{{Pascal}}Client(options: {{Pascal}}ClientOptions): {{Pascal}}Client {
  const { auth, baseUrl, ...clientOptions } = options;
  const client = createApiClient<paths>({
    ...clientOptions,
    baseUrl: baseUrl ?? DEFAULT_BASE_URL,
    auth: toAuthProvider(auth),
    vendor: {{camel}}Vendor,
    // One table: each request is checked against its operation's schemas before anything is
    // sent, and a refusal for missing scopes names the ones the operation needs.
    operations: requestSchemas,
    validation: requestValidation(),
  });
  return client;
}
