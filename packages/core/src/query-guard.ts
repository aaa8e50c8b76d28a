import { createQuerySerializer } from "openapi-fetch";
import { ClipKitValidationError } from "./errors/validation-error.js";
import { hasLoneSurrogate } from "./path-segment.js";

const LONE_SURROGATE = "contains a lone UTF-16 surrogate, which cannot be sent in a URL";
const NESTED =
  "holds an object or a list inside an object or a list; a query parameter takes one level (a list of values, or an object of values)";

/**
 * Why a query value cannot be sent, if it cannot: openapi-fetch's serializer takes a value, a
 * list of values or an object of values, and its encoder throws on a lone surrogate.
 */
function queryProblem(value: unknown): string | undefined {
  if (typeof value === "string") return hasLoneSurrogate(value) ? LONE_SURROGATE : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (hasLoneSurrogate(key)) return LONE_SURROGATE;
    if (typeof inner === "object" && inner !== null) return NESTED;
    if (typeof inner === "string" && hasLoneSurrogate(inner)) return LONE_SURROGATE;
  }
  return undefined;
}

/**
 * openapi-fetch's default query serializer, after a check that turns the bare errors it throws
 * (`URIError` on a lone surrogate, `Error` on a nested value) into a `ClipKitValidationError`
 * naming the parameter. It runs while the URL is built, before any middleware or request.
 */
export function guardedQuerySerializer(): (query: Record<string, unknown>) => string {
  const serialize = createQuerySerializer();
  return (query) => {
    for (const [name, value] of Object.entries(query ?? {})) {
      const problem = hasLoneSurrogate(name) ? LONE_SURROGATE : queryProblem(value);
      if (problem) throw new ClipKitValidationError(name, problem);
    }
    return serialize(query);
  };
}
