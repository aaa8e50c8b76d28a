import type { Middleware } from "openapi-fetch";
import type { OperationScopes, RequestSchemas } from "./request-schema.js";

// Keyed by the failed response, so `unwrap` can name what the operation needs without the
// client parking anything on the response or the caller's data.
const refused = new WeakMap<Response, OperationScopes>();

/**
 * openapi-fetch middleware that remembers, for a failed answer, the scopes its operation
 * needs (from the generated `schemas`), so that a missing-scopes refusal becomes a
 * `MissingScopesError` naming them. Successful answers cost a status check.
 */
export function requiredScopes(schemas: RequestSchemas): Middleware {
  return {
    onResponse({ request, response, schemaPath }) {
      if (response.ok) return undefined;
      const scopes = schemas[`${request.method.toUpperCase()} ${schemaPath}`]?.scopes;
      if (scopes) refused.set(response, scopes);
      return undefined;
    },
  };
}

/** The scopes of the operation behind a failed `response`, when its client knew them. */
export function requiredScopesOf(response: Response): OperationScopes | undefined {
  return refused.get(response);
}

/**
 * Whether a token granted `granted` (the token response's `scope`, split on spaces) may call
 * an operation needing `scopes`: it holds any one of them, macro or granular.
 */
export function grantsScopes(granted: readonly string[], scopes: OperationScopes): boolean {
  return [...scopes.macro, ...scopes.granular].some((scope) => granted.includes(scope));
}
