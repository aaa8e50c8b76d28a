// `@clipkit/core`: what a user of the runtime calls, building a client on it or calling
// through one. The ClipKit API packages build on `@clipkit/core/internal` too; the error family alone is `@clipkit/core/errors`, and the
// rate governor `@clipkit/core/governor`.
export {
  bearerAuth,
  bearerToken,
  type TokenProvider,
  toAuthProvider,
} from "./auth/bearer.js";
export {
  type ClientCredentialsAuth,
  type ClientCredentialsOptions,
  clientCredentials,
} from "./auth/client-credentials.js";
export type { AuthorizeContext, AuthProvider } from "./auth/provider.js";
export { type ApiClientOptions, createApiClient } from "./create-client.js";
export type { DownloadProgress } from "./download.js";
export * from "./errors/index.js";
export type { Logger } from "./logger.js";
export type { Paginated } from "./paginate.js";
export { createFetch, type PipelineOptions } from "./pipeline/compose.js";
export { type RequestOptions, withRequestOptions } from "./pipeline/request-options.js";
export type { BackoffOptions } from "./pipeline/retry-decision.js";
export type { ClientOptions } from "./policy.js";
export { redactHeaders, redactText, redactUrl } from "./redact.js";
export type { RateLimitInfo, VendorProfile } from "./vendor.js";
export { VERSION } from "./version.js";
