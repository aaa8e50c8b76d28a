/**
 * Decorates an outgoing request with credentials. The pipeline calls it once per attempt,
 * and only for requests to the client's own origins.
 */
export interface AuthProvider {
  /** `forceRefresh` is true on the one retry after an auth failure: drop any cached token. */
  authorize(request: Request, ctx: { forceRefresh: boolean }): Promise<Request>;
  /** Overrides the vendor's rule for "these credentials are stale". */
  isAuthFailure?(response: Response, body: unknown): boolean;
}
