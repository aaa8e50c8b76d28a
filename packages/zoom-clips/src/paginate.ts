import type { Paginated } from "@clipkit/core";
import type { PageRoute } from "@clipkit/core/internal";
import type { components, paths } from "./generated/schema.js";

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
