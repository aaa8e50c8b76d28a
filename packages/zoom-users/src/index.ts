// The runtime's whole error family and its helpers, so callers need no direct dependency on core.
export {
  AbortError,
  ApiError,
  AuthenticationError,
  assertOk,
  BadRequestError,
  ClipKitError,
  ClipKitValidationError,
  ConflictError,
  ConnectionError,
  DownloadChangedError,
  IncompleteDownloadError,
  InternalServerError,
  NotFoundError,
  PaginationLoopError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ResponseParseError,
  TimeoutError,
  UnprocessableEntityError,
  unwrap,
} from "@clipkit/core";
export { type ServerToServerOAuthOptions, serverToServerOAuth } from "@clipkit/zoom-shared";
export {
  createZoomUsersClient,
  DEFAULT_BASE_URL,
  type ListedUser,
  PACKAGE_NAME,
  type PaginateUsersOptions,
  type User,
  type UserStatus,
  type UsersPage,
  VERSION,
  type ZoomUsersClient,
  type ZoomUsersClientOptions,
} from "./client.js";
export type { components, operations, paths } from "./generated/schema.js";
