// `@clipkit/core/errors`: every error the runtime throws — all of them `ClipKitError`s — and
// the two helpers that turn an answer into data or one of them. Each API package re-exports
// this entry whole (`export *`), so a caller catches by class without depending on core.
export { assertOk, unwrap } from "../unwrap.js";
export {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  MissingScopesError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./api-error.js";
export { ClipKitError } from "./clipkit-error.js";
export { DownloadChangedError, IncompleteDownloadError } from "./download-errors.js";
export { DailyRateLimitError } from "./rate-limit-errors.js";
export {
  AbortError,
  ConnectionError,
  PaginationLoopError,
  RedirectError,
  ResponseParseError,
  TimeoutError,
} from "./request-errors.js";
export { ClipKitValidationError } from "./validation-error.js";
