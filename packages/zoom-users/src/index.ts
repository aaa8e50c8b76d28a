// The runtime's whole error family and `unwrap`/`assertOk`, so callers need no direct dependency on core.
export * from "@clipkit/core/errors";
export { type ServerToServerOAuthOptions, serverToServerOAuth } from "@clipkit/zoom-shared";
export {
  createZoomUsersClient,
  type ListedUser,
  type PaginateUsersOptions,
  type User,
  type UserStatus,
  type UsersPage,
  type ZoomUsersClient,
} from "./client.js";
// Each operation's rate-limit category and scopes, and its generated input limits, keyed "<METHOD> <path>".
export { operationInfo, requestSchemas } from "./generated/limits.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  DEFAULT_BASE_URL,
  type LeanZoomUsersClient,
  PACKAGE_NAME,
  VERSION,
  type ZoomUsersClientOptions,
} from "./lean-client.js";
