import type { OperationScopes } from "./operation-info.js";

/**
 * Whether a token granted `granted` (the token response's `scope`, split on spaces) may call
 * an operation needing `scopes`: it holds any one of them, macro or granular.
 */
export function grantsScopes(granted: readonly string[], scopes: OperationScopes): boolean {
  return [...scopes.macro, ...scopes.granular].some((scope) => granted.includes(scope));
}
