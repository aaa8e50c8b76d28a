import type { Paginated } from "@clipkit/core";
import { paginator } from "@clipkit/core/internal";
import type { ListedUser, PaginateUsersOptions, UsersPage } from "./client.js";
import type { LeanZoomUsersClient } from "./lean-client.js";

export interface UsersPaginate {
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
 * Gives a Users client `paginate`: the main entry's client has it already; a `./lean` client
 * gets it only where this is imported, so pagination and the request checks are paid for apart.
 */
export function withPaginate<C extends LeanZoomUsersClient>(client: C): C & UsersPaginate {
  return Object.assign(client, {
    paginate: paginator(client, LIST_ROUTES),
  }) as unknown as C & UsersPaginate;
}
