import { createApiClient, type Paginated, toAuthProvider } from "@clipkit/core";
import { paginator, requestValidation } from "@clipkit/core/internal";
import { ZOOM_API_BASE_URL, type ZoomClientOptions, zoomVendor } from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import { requestSchemas } from "./generated/limits.js";
import type { components, operations, paths } from "./generated/schema.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = ZOOM_API_BASE_URL;
export { PACKAGE_NAME, VERSION };

export type ZoomUsersClientOptions = ZoomClientOptions;

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

export interface ZoomUsersClient extends Client<paths> {
  /** Every user of one status, following `next_page_token`; `.pages()` for whole pages. */
  paginate(path: "/users", options?: PaginateUsersOptions): Paginated<UsersPage, ListedUser>;
}

const LIST_ROUTES = {
  "/users": {
    items: (page: UsersPage) => page.users,
    nextToken: (page: UsersPage) => page.next_page_token,
  },
};

/**
 * A typed openapi-fetch client for the Zoom Users API, on the shared runtime: retries,
 * timeouts, token refresh on Zoom's code 124, typed errors through `unwrap`. Every request is
 * checked against the spec's limits (src/generated/limits.ts) before anything is sent.
 */
export function createZoomUsersClient(options: ZoomUsersClientOptions): ZoomUsersClient {
  const { auth, baseUrl, ...clientOptions } = options;
  const client = createApiClient<paths>({
    ...clientOptions,
    baseUrl: baseUrl ?? DEFAULT_BASE_URL,
    auth: toAuthProvider(auth),
    vendor: zoomVendor(PACKAGE_NAME, VERSION),
    // One table names each operation's scopes (MissingScopesError) and rate-limit category,
    // and checks each request before the runtime's fetch: a request that breaks the spec's
    // limits never gets a token.
    operations: requestSchemas,
    validation: requestValidation(),
  });
  // Opt-in: paces each attempt by its operation's rate-limit category.
  options.governor?.govern(client);
  return Object.assign(client, {
    paginate: paginator(client, LIST_ROUTES),
  }) as unknown as ZoomUsersClient;
}
