export { bearerAuth, bearerToken, type TokenProvider, toAuthProvider } from "./auth/bearer.js";
export {
  type ClientCredentialsAuth,
  type ClientCredentialsOptions,
  clientCredentials,
} from "./auth/client-credentials.js";
export {
  ALLOW_INSECURE_HTTP,
  assertCredentialTransport,
  isLoopbackHost,
} from "./auth/origins.js";
export type { AuthorizeContext, AuthProvider } from "./auth/provider.js";
export { createApiClient } from "./create-client.js";
export { type ClientOptions, createFetch, type PipelineOptions } from "./create-fetch.js";
export {
  AbortError,
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  apiErrorFrom,
  BadRequestError,
  ClipKitError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PaginationLoopError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.js";
export type { Logger } from "./logger.js";
export {
  type Paginated,
  paginateCollection,
  paginateToken,
  type TokenPaginationOptions,
} from "./paginate.js";
export {
  encodePathSegment,
  guardedPathSerializer,
  isDotSegment,
  pathParamsGuard,
} from "./path-segment.js";
export { redactHeaders, redactText, redactUrl } from "./redact.js";
export {
  type RequestOptions,
  requestOptionHeaders,
  withRequestOptions,
} from "./request-options.js";
export {
  type JsonSchema,
  type OperationSchema,
  type ParameterSchema,
  type RequestSchemas,
  requestSchemaValidation,
  type Schema,
  type SchemaProblem,
  schemaProblem,
} from "./request-schema.js";
export {
  type BackoffOptions,
  DEFAULT_BACKOFF,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  retryDelay,
} from "./retry.js";
export { sleep } from "./timeout.js";
export { assertOk, unwrap } from "./unwrap.js";
export { ClipKitValidationError } from "./validation-error.js";
export type { RateLimitInfo, VendorProfile } from "./vendor.js";
export { VERSION } from "./version.js";
