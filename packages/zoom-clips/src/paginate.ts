import type { Client } from "openapi-fetch";
import { dataOrThrow } from "./errors.js";
import type { components, operations, paths } from "./generated/schema.js";
import { validatePageSize } from "./validation.js";

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

/** Items one by one with `for await`, or whole pages with `.pages()`. */
export interface Paginated<Page, Item> extends AsyncIterable<Item> {
  pages(): AsyncIterable<Page>;
}

/**
 * Follows `next_page_token` from page to page: an empty or missing token ends the walk.
 * A token that repeats is an API fault and throws rather than loop forever.
 */
export function paginateToken<Page, Item>(
  fetchPage: (token: string | undefined) => Promise<Page>,
  select: { items(page: Page): Item[] | undefined; nextToken(page: Page): string | undefined },
): Paginated<Page, Item> {
  async function* pages(): AsyncGenerator<Page> {
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page = await fetchPage(token);
      yield page;
      token = select.nextToken(page) || undefined;
      if (token !== undefined) {
        if (seen.has(token)) throw new Error(`the API returned the page token ${token} twice`);
        seen.add(token);
      }
    } while (token !== undefined);
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* select.items(page) ?? [];
    },
  };
}

export interface PaginateOptions<Query> {
  query?: Query;
  signal?: AbortSignal;
}

const clipsOf = {
  items: (page: ClipsPage) => page.data,
  nextToken: (page: ClipsPage) => page.next_page_token,
};

/** Every clip of `GET /clips` (the current user's, or the account's), page after page. */
export function paginateClips(
  client: Client<paths>,
  options: PaginateOptions<ListClipsQuery> = {},
): Paginated<ClipsPage, Clip> {
  validatePageSize("/clips", options.query?.page_size);
  return paginateToken(async (token) => {
    const result = await client.GET("/clips", {
      params: { query: { ...options.query, ...(token ? { next_page_token: token } : {}) } },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return dataOrThrow(result, "GET", "/clips");
  }, clipsOf);
}

/** Every clip of a sub account (`GET /accounts/{accountId}/clips`, master account API). */
export function paginateAccountClips(
  client: Client<paths>,
  accountId: string,
  options: PaginateOptions<ListAccountClipsQuery> = {},
): Paginated<ClipsPage, Clip> {
  validatePageSize("/accounts/{accountId}/clips", options.query?.page_size);
  return paginateToken(async (token) => {
    const result = await client.GET("/accounts/{accountId}/clips", {
      params: {
        path: { accountId },
        query: { ...options.query, ...(token ? { next_page_token: token } : {}) },
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return dataOrThrow(result, "GET", `/accounts/${accountId}/clips`);
  }, clipsOf);
}
