import { createQuerySerializer } from "openapi-fetch";
import { ClipKitValidationError } from "./errors.js";
import { hasLoneSurrogate } from "./path-segment.js";

/** The first string inside `value` (nested arrays and objects too) that cannot be encoded. */
function unencodable(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return hasLoneSurrogate(value);
  if (depth > 8 || typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(
    ([key, v]) => hasLoneSurrogate(key) || unencodable(v, depth + 1),
  );
}

/**
 * openapi-fetch's default query serializer, after a check that turns the bare `URIError` its
 * encoder throws on a lone surrogate into a `ClipKitValidationError` naming the parameter.
 * It runs while the URL is built, before any middleware or request.
 */
export function guardedQuerySerializer(): (query: Record<string, unknown>) => string {
  const serialize = createQuerySerializer();
  return (query) => {
    for (const [name, value] of Object.entries(query ?? {})) {
      if (hasLoneSurrogate(name) || unencodable(value)) {
        throw new ClipKitValidationError(
          name,
          "contains a lone UTF-16 surrogate, which cannot be sent in a URL",
        );
      }
    }
    return serialize(query);
  };
}
