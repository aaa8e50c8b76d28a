// What the runtime needs to know about each operation besides its inputs: a small table of
// its own, so that a client without request validation (a package's `./lean` entry) still
// names the missing scopes in `MissingScopesError` and is paced by the rate governor.

/** An operation's scopes as its vendor publishes them: a token holding any one may call it. */
export interface OperationScopes {
  readonly macro: readonly string[];
  readonly granular: readonly string[];
}

/** One operation's row, as `scripts/lib/request-limits.ts` writes it from the spec. */
export interface OperationInfo {
  /** The operation's rate-limit category (Zoom's `x-rate-limit-label`), read by a `RateGovernor`. */
  readonly rateLimit?: string;
  /** The scopes a token needs one of to call the operation (Zoom's `x-macro-scopes`/`x-granular-scopes`). */
  readonly scopes?: OperationScopes;
}

/** Every operation of an API, keyed `"<METHOD> <path template>"`: a package's generated `operationInfo`. */
export type OperationTable = { readonly [operation: string]: OperationInfo };
