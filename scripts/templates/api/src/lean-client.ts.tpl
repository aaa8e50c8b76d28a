import {
  type AuthProvider,
  type ClientOptions,
  createApiClient,
  type TokenProvider,
  toAuthProvider,
  type VendorProfile,
} from "@clipkit/core";
import type { RequestValidator } from "@clipkit/core/internal";
import type { Client } from "openapi-fetch";
import { operationInfo } from "./generated/limits.js";
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
 * The client both entries build: `validation` is given by the main entry's factory and left
 * out by `./lean`, so that only the first carries the schemas and their checker.
 */
export function build{{Pascal}}Client(
  options: {{Pascal}}ClientOptions,
  validation?: RequestValidator,
): {{Pascal}}Client {
  const { auth, baseUrl, ...clientOptions } = options;
  return createApiClient<paths>({
    ...clientOptions,
    baseUrl: baseUrl ?? DEFAULT_BASE_URL,
    auth: toAuthProvider(auth),
    vendor: {{camel}}Vendor,
    // Each operation's scopes (MissingScopesError) and rate-limit category, where the spec
    // gives them (`x-macro-scopes`, `x-granular-scopes`, `x-rate-limit-label`).
    operations: operationInfo,
    ...(validation ? { validation } : {}),
  });
}
