import { requestValidation } from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import type { components, operations } from "./generated/schema.js";
import {
  buildUsersClient,
  type LeanZoomUsersClient,
  type ZoomUsersClientOptions,
} from "./lean-client.js";
import { type UsersPaginate, withPaginate } from "./paginate.js";

type ListQuery = NonNullable<operations["listUsers"]["parameters"]["query"]>;
export type UsersPage = components["schemas"]["UserList"];
/** A user as `GET /users` lists it. */
export type ListedUser = components["schemas"]["ListedUser"];
/** A user as `GET /users/{userId}` returns it. */
export type User = components["schemas"]["User"];
export type UserStatus = NonNullable<ListQuery["status"]>;

/** Options of `paginate("/users")`. */
export interface PaginateUsersOptions {
  query?: Omit<ListQuery, "next_page_token" | "page_number">;
  signal?: AbortSignal;
  /** Resume from this `next_page_token` (the last page's). */
  startToken?: string;
}

export interface ZoomUsersClient extends LeanZoomUsersClient, UsersPaginate {}

/**
 * A typed openapi-fetch client for the Zoom Users API, on the shared runtime: retries,
 * timeouts, token refresh on Zoom's code 124, typed errors through `unwrap`, with `paginate`.
 * Every request is checked against the spec's limits (src/generated/limits.ts) before
 * anything is sent. `@clipkit/zoom-users/lean` builds the same client without the checks and
 * `paginate`.
 */
export function createZoomUsersClient(options: ZoomUsersClientOptions): ZoomUsersClient {
  return withPaginate(buildUsersClient(options, requestValidation(requestSchemas)));
}
