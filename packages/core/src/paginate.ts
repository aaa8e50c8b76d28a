import { PaginationLoopError } from "./errors.js";

/** Iterates items; `pages()` iterates whole pages instead. Each iteration starts afresh. */
export type Paginated<Page, Item> = AsyncIterable<Item> & { pages(): AsyncIterable<Page> };

export interface TokenPaginationOptions<Page, Item> {
  items: (page: Page) => Item[] | undefined;
  /** The next page's token; empty, null or undefined ends the listing. */
  nextToken: (page: Page) => string | undefined | null;
  /** Resume from here (the `nextToken` of the last page seen). */
  startToken?: string;
}

function paginated<Page, Item>(
  pages: () => AsyncGenerator<Page>,
  items: (page: Page) => Item[] | undefined,
): Paginated<Page, Item> {
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* items(page) ?? [];
    },
  };
}

/**
 * Follows a next-page token. A token seen before means the server is going round in
 * circles: that throws `PaginationLoopError` instead of fetching forever.
 */
export function paginateToken<Page, Item>(
  fetchPage: (token: string | undefined) => Promise<Page>,
  opts: TokenPaginationOptions<Page, Item>,
): Paginated<Page, Item> {
  return paginated(async function* () {
    let token = opts.startToken || undefined;
    const seen = new Set<string>(token ? [token] : []);
    do {
      const page = await fetchPage(token);
      yield page;
      token = opts.nextToken(page) || undefined;
      if (token !== undefined) {
        if (seen.has(token)) {
          throw new PaginationLoopError(
            `the API returned page token ${JSON.stringify(token)} twice; stopping instead of looping`,
          );
        }
        seen.add(token);
      }
    } while (token !== undefined);
  }, opts.items);
}

/** For endpoints that return the whole collection in one answer, e.g. `{ items: [...] }`. */
export function paginateCollection<Page, Item>(
  fetchPage: () => Promise<Page>,
  opts: { items: (page: Page) => Item[] | undefined },
): Paginated<Page, Item> {
  return paginated(async function* () {
    yield await fetchPage();
  }, opts.items);
}
