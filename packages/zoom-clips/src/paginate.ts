import type { Paginated } from "@clipkit/core";
import { type PageRoute, paginator } from "@clipkit/core/internal";
import type { components, paths } from "./generated/schema.js";
import type { LeanZoomClipsClient } from "./lean-client.js";

export type { Paginated };
export type Clip = components["schemas"]["Clip"];
export type ClipsPage = components["schemas"]["ClipsPage"];

/** The list operations of Zoom Clips: each pages with `next_page_token`. */
export type ListPath =
  | "/clips"
  | "/accounts/{accountId}/clips"
  | "/clips/{clipId}/collaborators"
  | "/clips/{clipId}/comments";

type Get<P extends ListPath> = paths[P]["get"];
/** A page of `path`, as the spec types it. */
export type PageOf<P extends ListPath> = Get<P>["responses"][200]["content"]["application/json"];
/** One item of a page of `path`. */
export type ItemOf<P extends ListPath> = NonNullable<PageOf<P>["data"]>[number];
type PathParams<P extends ListPath> = Get<P>["parameters"]["path"];

/** `client.paginate(path, options)`: the query without the token, the path's parameters. */
export type PaginateOptions<P extends ListPath> = {
  query?: Omit<NonNullable<Get<P>["parameters"]["query"]>, "next_page_token">;
  signal?: AbortSignal;
  /** Resume from this `next_page_token` (the last page's). */
  startToken?: string;
} & (PathParams<P> extends Record<string, unknown>
  ? { path: PathParams<P> }
  : { path?: undefined });

export type ListClipsQuery = PaginateOptions<"/clips">["query"];
export type ListAccountClipsQuery = PaginateOptions<"/accounts/{accountId}/clips">["query"];

const page: PageRoute<{ data?: unknown[]; next_page_token?: string }> = {
  items: (p) => p.data,
  nextToken: (p) => p.next_page_token,
};

/** How each list operation pages (all alike: `data` and `next_page_token`). */
export const LIST_ROUTES: Record<ListPath, PageRoute<never>> = {
  "/clips": page,
  "/accounts/{accountId}/clips": page,
  "/clips/{clipId}/collaborators": page,
  "/clips/{clipId}/comments": page,
};

export interface ClipsPaginate {
  /**
   * Every item of a list operation (`/clips`, `/accounts/{accountId}/clips`, a clip's
   * collaborators or comments), following `next_page_token`; `.pages()` for whole pages.
   * Error answers throw core's typed errors; a repeated page token `PaginationLoopError`.
   */
  paginate<P extends ListPath>(
    path: P,
    options?: PaginateOptions<P>,
  ): Paginated<PageOf<P>, ItemOf<P>>;
}

/**
 * Gives a Clips client `paginate`: the main entry's client has it already; a `./lean` client
 * gets it only where this is imported, so pagination and the request checks are paid for apart.
 */
export function withPaginate<C extends LeanZoomClipsClient>(client: C): C & ClipsPaginate {
  return Object.assign(client, { paginate: paginator(client, LIST_ROUTES) }) as C & ClipsPaginate;
}
