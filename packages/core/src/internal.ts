// `@clipkit/core/internal`: the building blocks the ClipKit API packages share (the client
// and its pipeline, downloads, pagination, validation, redirects, polling). For those
// packages, not for users: it follows no semver promise of its own. Users import
// `@clipkit/core`.
export { checkToken } from "./auth/bearer.js";
export { pipelineOf } from "./create-client.js";
export {
  continueDownload,
  type Download,
  type DownloadOptions,
  openDownload,
} from "./download.js";
export { apiErrorFrom, bodySnippet } from "./errors/api-error.js";
export { type FailureContext, failureFrom } from "./errors/failure.js";
export type { OperationInfo, OperationScopes, OperationTable } from "./operation-info.js";
export {
  checkOptions,
  MAX_TIMER_MS,
  OPTION_RANGES,
  type OptionRange,
  type RangedOption,
  wholeNumber,
} from "./option-ranges.js";
export {
  type PageRoute,
  type PaginateCallOptions,
  paginateCollection,
  paginateToken,
  paginator,
  type TokenPaginationOptions,
} from "./paginate.js";
export {
  encodePathSegment,
  guardedPathSerializer,
  isDotSegment,
} from "./path-segment.js";
export {
  createPipeline,
  ERROR_BODY_CAP,
  type Outgoing,
  type Pacer,
  type Pipeline,
  textOf,
} from "./pipeline/compose.js";
export { type CredentialPolicy, credentialPolicy } from "./pipeline/credentials.js";
export { type IdleTimer, idleTimer } from "./pipeline/idle-timer.js";
export { operationOf, requestOptionsOf } from "./pipeline/request-options.js";
export { isDocumentType, isJsonType, parseBody, readCappedText } from "./pipeline/response-body.js";
export {
  DEFAULT_BACKOFF,
  IDEMPOTENT_METHODS,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  retryDelay,
  serverRequestedDelay,
} from "./pipeline/retry-decision.js";
export { type RetryDecision, type RetryRun, runWithRetries } from "./pipeline/retry-loop.js";
export { type GuardOptions, guardBody } from "./pipeline/streamed-body.js";
export { DEFAULT_POLICY, type Policy, resolvePolicy } from "./policy.js";
export {
  MIN_POLL_INTERVAL_MS,
  POLL_DEFAULTS,
  type PollOptions,
  type PollRun,
  type PollStep,
  poll,
  pollSettings,
} from "./poll.js";
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
  type ExtraRule,
  type MessageOverride,
  type RequestRules,
  requestRules,
} from "./request-rules.js";
export {
  checkRequest,
  type JsonSchema,
  type OperationSchema,
  type ParameterSchema,
  type Refine,
  type RequestInput,
  type RequestSchemas,
  type RequestValidator,
  requestProblem,
  requestValidation,
  type Schema,
  type SchemaProblem,
  schemaProblem,
} from "./request-schema.js";
export { grantsScopes } from "./required-scopes.js";
export { abortable, sleep } from "./timeout.js";
