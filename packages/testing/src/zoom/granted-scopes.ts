// Zoom's scope check as the fake makes it: a call to an operation whose scopes (the specs'
// `x-macro-scopes`, `x-granular-scopes`) the token was granted none of is refused with code
// 4711, as Zoom refuses it.
import type { OpenApiDocument } from "../spec/specs.js";
import { operationOf, operationRoutes, ZOOM_DOCUMENTS } from "./operation-routes.js";
import { ZoomFakeError } from "./zoom-error.js";

const scopesOf = (operation: OpenApiDocument | undefined) => ({
  macro: (operation?.["x-macro-scopes"] ?? []) as string[],
  granular: (operation?.["x-granular-scopes"] ?? []) as string[],
});

/** Every scope the fakes' specs list: an app that may call every operation. */
export function everyScope(documents: OpenApiDocument[] = ZOOM_DOCUMENTS()): string[] {
  const all = new Set<string>();
  for (const { operation } of operationRoutes(documents)) {
    const { macro, granular } = scopesOf(operation);
    for (const scope of [...macro, ...granular]) all.add(scope);
  }
  return [...all].sort();
}

/**
 * A check for `granted` (undefined: no scope is ever refused) that throws Zoom's 400 code 4711,
 * naming the operation's granular scopes (its macro ones when it has none), for a call to an
 * operation the token may not call.
 */
export function scopeCheck(
  granted: readonly string[] | undefined,
  documents: OpenApiDocument[] = ZOOM_DOCUMENTS(),
): (method: string, path: string) => void {
  const routes = operationRoutes(documents);
  return (method, path) => {
    if (granted === undefined) return;
    const { macro, granular } = scopesOf(operationOf(routes, method, path));
    const needed = [...macro, ...granular];
    if (needed.length === 0 || needed.some((scope) => granted.includes(scope))) return;
    const named = granular.length > 0 ? granular : macro;
    throw new ZoomFakeError(
      400,
      4711,
      `Invalid access token, does not contain scopes:[${named.join(", ")}].`,
    );
  };
}
