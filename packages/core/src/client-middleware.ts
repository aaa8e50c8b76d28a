// The one openapi-fetch middleware of a client from `createApiClient`: openapi-fetch walks its
// middleware list and awaits each hook on every request, so everything that needs the
// operation (the path guard, request validation, the tag the pipeline reads) happens in one
// hook, after one lookup of the operation's row.
import type { Middleware } from "openapi-fetch";
import { guardedPathSerializer } from "./path-segment.js";
import { tagOperation } from "./pipeline/request-options.js";
import type { RequestSchemas, RequestValidator } from "./request-schema.js";

export function clientMiddleware(
  operations: RequestSchemas | undefined,
  validate: RequestValidator | undefined,
): Middleware {
  return {
    onRequest({ request, schemaPath, params }) {
      // openapi-fetch builds a URL without calling the path serializer when no path
      // parameters are given: a template with placeholders must still be refused.
      if (params.path === undefined) guardedPathSerializer(schemaPath, {});
      if (!operations) return undefined;
      const operation = `${request.method} ${schemaPath}`;
      const row = operations[operation];
      if (!row) return undefined;
      tagOperation(request, row);
      return validate?.(row, operation, request, params);
    },
  };
}
