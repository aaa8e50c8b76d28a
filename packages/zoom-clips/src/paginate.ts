import { type Paginated, paginateToken, unwrap } from "@clipkit/core";
import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "./generated/schema.js";
import { validatePageSize } from "./validation.js";

export type { Paginated };
export type Clip = components["schemas"]["Clip"];
export type ClipsPage = components["schemas"]["ClipsPage"];
export type ListClipsQuery = Omit<
  NonNullable<operations["listClips"]["parameters"]["query"]>,
  "next_page_token"
>;
export type ListAccountClipsQuery = Omit<
  NonNullable<operations["listAccountClips"]["parameters"]["query"]>,
  "next_page_token"
>;

export interface PaginateOptions<Query> {
  query?: Query;
  signal?: AbortSignal;
  /** Resume from this `next_page_token` (the last page's). */
  startToken?: string;
}

const clipsOf = {
  items: (page: ClipsPage) => page.data,
  nextToken: (page: ClipsPage) => page.next_page_token,
};

const tokenQuery = (token: string | undefined) => (token ? { next_page_token: token } : {});

/**
 * Every clip of `GET /clips` (the current user's, or the account's), page after page.
 * Error answers throw core's typed `ApiError`s; a repeated page token `PaginationLoopError`.
 */
export function paginateClips(
  client: Client<paths>,
  options: PaginateOptions<ListClipsQuery> = {},
): Paginated<ClipsPage, Clip> {
  validatePageSize("/clips", options.query?.page_size);
  return paginateToken(
    (token) =>
      unwrap(
        client.GET("/clips", {
          params: { query: { ...options.query, ...tokenQuery(token) } },
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      ),
    { ...clipsOf, ...(options.startToken ? { startToken: options.startToken } : {}) },
  );
}

/** Every clip of a sub account (`GET /accounts/{accountId}/clips`, master account API). */
export function paginateAccountClips(
  client: Client<paths>,
  accountId: string,
  options: PaginateOptions<ListAccountClipsQuery> = {},
): Paginated<ClipsPage, Clip> {
  validatePageSize("/accounts/{accountId}/clips", options.query?.page_size);
  return paginateToken(
    (token) =>
      unwrap(
        client.GET("/accounts/{accountId}/clips", {
          params: { path: { accountId }, query: { ...options.query, ...tokenQuery(token) } },
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      ),
    { ...clipsOf, ...(options.startToken ? { startToken: options.startToken } : {}) },
  );
}
