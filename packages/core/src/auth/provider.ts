/**
 * Decorates an outgoing request with credentials. The pipeline calls it once per attempt,
 * and only for requests to the client's own origins.
 */
export interface AuthorizeContext {
  /** True on the one retry after an auth failure: the credentials sent were refused. */
  forceRefresh: boolean;
  /**
   * On that retry, the `Authorization` header the refused attempt carried. A provider whose
   * cache has already moved past it (another request refreshed first) need not refresh again.
   */
  rejectedAuthorization?: string | null;
  /**
   * The attempt's signal: it aborts when the caller aborts or the attempt's time runs out. A
   * provider that goes to the network (a token request) must stop waiting when it fires.
   */
  signal?: AbortSignal;
}

export interface AuthProvider {
  authorize(request: Request, ctx: AuthorizeContext): Promise<Request>;
  /** Overrides the vendor's rule for "these credentials are stale". */
  isAuthFailure?(response: Response, body: unknown): boolean;
}
