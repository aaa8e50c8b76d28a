import { PaginationLoopError, ResponseParseError } from "./errors/request-errors.js";
import { unwrap } from "./unwrap.js";

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
    // By hand, not `yield*` in an async generator: that costs several promise hops per item,
    // a fifth of a 100,000-item listing's time; this is one per item.
    [Symbol.asyncIterator](): AsyncIterator<Item> {
      const source = pages();
      let buffer: Item[] = [];
      let index = 0;
      return {
        async next() {
          while (index >= buffer.length) {
            const page = await source.next();
            if (page.done) return { value: undefined, done: true };
            buffer = items(page.value) ?? [];
            index = 0;
          }
          return { value: buffer[index++] as Item, done: false };
        },
        // `break` and `return` in a for-await end the listing: no page is fetched after.
        async return() {
          await source.return(undefined);
          return { value: undefined, done: true };
        },
      };
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
    const seen = new Set<string>();
    if (token) seen.add(token);
    let number = 0;
    do {
      const page = await fetchPage(token);
      number++;
      if (typeof page !== "object" || page === null) {
        throw new ResponseParseError(
          `page ${number} of the listing came back without a body`,
          200,
          undefined,
          undefined,
        );
      }
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

/** How one list operation pages: where its items are, and its next-page token if it has one. */
export interface PageRoute<Page = never, Item = unknown> {
  items(page: Page): Item[] | undefined;
  /** The next page's token; absent for an operation that returns everything at once. */
  nextToken?(page: Page): string | null | undefined;
  /** The query parameter the token goes back in. Default `next_page_token`. */
  tokenParam?: string;
}

export interface PaginateCallOptions {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Resume from this token (the last page's). */
  startToken?: string;
}

type Getter = {
  GET(path: never, init: never): Promise<{ data?: unknown; error?: unknown; response: Response }>;
};

/**
 * `client.paginate(path, options)` for a client's list operations: items with `for await`,
 * whole pages with `.pages()`. Each API package types it for its own paths.
 */
export function paginator(
  client: Getter,
  // biome-ignore lint/suspicious/noExplicitAny: each route is typed where it is declared.
  routes: Record<string, PageRoute<any, unknown>>,
): (path: string, options?: PaginateCallOptions) => Paginated<unknown, unknown> {
  const get = client.GET.bind(client) as unknown as (
    path: string,
    init: object,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return (path, options = {}) => {
    const route = routes[path];
    if (!route) {
      throw new TypeError(
        `paginate: ${path} is not a list operation (${Object.keys(routes).join(", ")})`,
      );
    }
    const fetchPage = (token: string | undefined) =>
      unwrap(
        get(path, {
          params: {
            ...(options.path ? { path: options.path } : {}),
            query: {
              ...options.query,
              ...(token ? { [route.tokenParam ?? "next_page_token"]: token } : {}),
            },
          },
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      );
    if (!route.nextToken) return paginateCollection(() => fetchPage(undefined), route);
    return paginateToken(fetchPage, {
      items: route.items,
      nextToken: route.nextToken,
      ...(options.startToken ? { startToken: options.startToken } : {}),
    });
  };
}
