export {
  bearerAuth,
  bearerToken,
  checkToken,
  type TokenProvider,
  toAuthProvider,
} from "./auth/bearer.js";
export {
  type ClientCredentialsAuth,
  type ClientCredentialsOptions,
  clientCredentials,
} from "./auth/client-credentials.js";
export type { AuthorizeContext, AuthProvider } from "./auth/provider.js";
export { type ApiClientOptions, createApiClient, pipelineOf } from "./create-client.js";
export {
  continueDownload,
  type Download,
  type DownloadOptions,
  type DownloadProgress,
  openDownload,
} from "./download.js";
export { apiErrorFrom, bodySnippet } from "./errors/api-error.js";
export { type FailureContext, failureFrom } from "./errors/failure.js";
export * from "./errors/index.js";
export type { Logger } from "./logger.js";
export {
  type PageRoute,
  type PaginateCallOptions,
  type Paginated,
  paginateCollection,
  paginateToken,
  paginator,
  type TokenPaginationOptions,
} from "./paginate.js";
export {
  encodePathSegment,
  guardedPathSerializer,
  isDotSegment,
  pathParamsGuard,
} from "./path-segment.js";
export {
  createFetch,
  createPipeline,
  ERROR_BODY_CAP,
  type Outgoing,
  type Pipeline,
  type PipelineOptions,
  textOf,
} from "./pipeline/compose.js";
export { type CredentialPolicy, credentialPolicy } from "./pipeline/credentials.js";
export {
  type RequestOptions,
  requestOptionHeaders,
  withRequestOptions,
} from "./pipeline/request-options.js";
export { isDocumentType, isJsonType, parseBody, readCappedText } from "./pipeline/response-body.js";
export {
  type BackoffOptions,
  DEFAULT_BACKOFF,
  IDEMPOTENT_METHODS,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  retryDelay,
  serverRequestedDelay,
} from "./pipeline/retry-decision.js";
export { type RetryDecision, type RetryRun, runWithRetries } from "./pipeline/retry-loop.js";
export { type GuardOptions, guardBody } from "./pipeline/streamed-body.js";
export {
  type ClientOptions,
  DEFAULT_POLICY,
  MAX_TIMER_MS,
  type Policy,
  resolvePolicy,
  wholeNumber,
} from "./policy.js";
export {
  MIN_POLL_INTERVAL_MS,
  POLL_DEFAULTS,
  type PollOptions,
  type PollRun,
  type PollStep,
  poll,
  pollSettings,
} from "./poll.js";
export { redactHeaders, redactText, redactUrl } from "./redact.js";
export {
  CREDENTIAL_HEADERS,
  DEFAULT_MAX_REDIRECTS,
  type FollowRedirectsOptions,
  followRedirects,
  headersForHop,
  REDIRECT_STATUSES,
  redirectTarget,
} from "./redirects.js";
export {
  type JsonSchema,
  type OperationSchema,
  type OperationScopes,
  type ParameterSchema,
  type RequestSchemas,
  requestSchemaValidation,
  type Schema,
  type SchemaProblem,
  schemaProblem,
} from "./request-schema.js";
export { grantsScopes, requiredScopes } from "./required-scopes.js";
export { abortable, sleep } from "./timeout.js";

export type { RateLimitInfo, VendorProfile } from "./vendor.js";
export { VERSION } from "./version.js";
