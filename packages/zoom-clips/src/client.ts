import { bearerAuth, type TokenProvider } from "@clipkit/core";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { isFileServerPath } from "./file-server.js";
import type { paths } from "./generated/schema.js";
import {
  type Clip,
  type ClipsPage,
  type ListAccountClipsQuery,
  type ListClipsQuery,
  type Paginated,
  paginateAccountClips,
  paginateClips,
} from "./paginate.js";
import { requestValidation } from "./validation.js";

export const DEFAULT_BASE_URL = "https://api.zoom.us/v2";
export const DEFAULT_FILE_BASE_URL = "https://fileapi.zoom.us/v2";

/** Signs a request (the shape of @clipkit/core's `AuthProvider`). */
export interface AuthProvider {
  authorize(request: Request, ctx: { forceRefresh: boolean }): Promise<Request>;
}

export interface ZoomClipsClientOptions {
  /** An OAuth access token, a function that returns a current one, or an AuthProvider. */
  auth: TokenProvider | AuthProvider;
  /** Defaults to `https://api.zoom.us/v2`. */
  baseUrl?: string;
  /** Where the upload operations go. Defaults to `https://fileapi.zoom.us/v2`. */
  fileBaseUrl?: string;
  /** A custom fetch (tests, proxies, instrumentation). Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Abort a request that has not answered after this many ms. Default: no limit. */
  timeoutMs?: number;
}

export interface ZoomClipsClient extends Client<paths> {
  /** Every clip of `GET /clips`, following `next_page_token`; `.pages()` for whole pages. */
  paginate(
    path: "/clips",
    options?: { query?: ListClipsQuery; signal?: AbortSignal },
  ): Paginated<ClipsPage, Clip>;
  /** Every clip of a sub account (`GET /accounts/{accountId}/clips`). */
  paginate(
    path: "/accounts/{accountId}/clips",
    options: { path: { accountId: string }; query?: ListAccountClipsQuery; signal?: AbortSignal },
  ): Paginated<ClipsPage, Clip>;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * Sends the upload operations (`POST /clips/files…`) to the file server: openapi-fetch built
 * their URL on `baseUrl`; this swaps that prefix for `fileBaseUrl`.
 */
export function fileServerRouting(baseUrl: string, fileBaseUrl: string): Middleware {
  const from = trimSlash(baseUrl);
  const to = trimSlash(fileBaseUrl);
  return {
    onRequest({ request, schemaPath }) {
      if (!isFileServerPath(schemaPath) || from === to) return undefined;
      if (!request.url.startsWith(from)) return undefined;
      return new Request(to + request.url.slice(from.length), request);
    },
  };
}

/**
 * Credentials go only to the API and file server origins: a request that a middleware or a
 * caller's `baseUrl` override sends elsewhere is refused instead of leaking the token.
 */
function authMiddleware(auth: TokenProvider | AuthProvider, trustedOrigins: string[]): Middleware {
  const trusted = new Set(trustedOrigins.map((url) => new URL(url).origin));
  const sign: Middleware =
    typeof auth === "object"
      ? { onRequest: ({ request }) => auth.authorize(request, { forceRefresh: false }) }
      : bearerAuth(auth);
  return {
    async onRequest(context) {
      const origin = new URL(context.request.url).origin;
      if (!trusted.has(origin)) {
        throw new Error(
          `refusing to send Zoom credentials to ${origin} (trusted: ${[...trusted].join(", ")})`,
        );
      }
      return sign.onRequest?.(context);
    },
  };
}

function withTimeout(inner: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await inner(
        new Request(request, { signal: AbortSignal.any([request.signal, timeout]) }),
      );
    } catch (error) {
      if (timeout.aborted && !request.signal.aborted) {
        throw new Error(
          `${request.method} ${request.url.split("?")[0]} timed out after ${timeoutMs} ms`,
          { cause: error },
        );
      }
      throw error;
    }
  };
}

/** A typed openapi-fetch client for the Zoom Clips API (REST and file API hosts). */
export function createZoomClipsClient(options: ZoomClipsClientOptions): ZoomClipsClient {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const fileBaseUrl = options.fileBaseUrl ?? DEFAULT_FILE_BASE_URL;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const client = createClient<paths>({
    baseUrl,
    fetch: options.timeoutMs ? withTimeout(baseFetch, options.timeoutMs) : baseFetch,
  });
  // Order matters: validate before anything (a token refresh included) goes out.
  client.use(requestValidation());
  client.use(fileServerRouting(baseUrl, fileBaseUrl));
  client.use(authMiddleware(options.auth, [baseUrl, fileBaseUrl]));
  const paginate = (
    path: string,
    opts: { path?: { accountId: string }; query?: ListClipsQuery; signal?: AbortSignal } = {},
  ) => {
    const { path: pathParams, ...rest } = opts;
    if (path === "/accounts/{accountId}/clips") {
      if (!pathParams?.accountId) throw new TypeError("paginate: give path.accountId");
      return paginateAccountClips(client, pathParams.accountId, rest);
    }
    if (path === "/clips") return paginateClips(client, rest);
    throw new TypeError(`paginate: ${path} is not a paginated list of clips`);
  };
  return Object.assign(client, { paginate }) as ZoomClipsClient;
}
