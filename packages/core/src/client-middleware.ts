// The one openapi-fetch middleware of a client from `createApiClient`: openapi-fetch walks its
// middleware list and awaits each hook on every request, so everything that needs the
// operation (the path guard, the tag the pipeline reads, request validation when the client
// has it) happens in one hook.
import type { Middleware } from "openapi-fetch";
import type { OperationTable } from "./operation-info.js";
import { guardedPathSerializer } from "./path-segment.js";
import { tagOperation } from "./pipeline/request-options.js";
import type { RequestValidator } from "./request-schema.js";

export function clientMiddleware(
  operations: OperationTable | undefined,
  validate: RequestValidator | undefined,
): Middleware {
  return {
    onRequest({ request, schemaPath, params }) {
      // openapi-fetch builds a URL without calling the path serializer when no path
      // parameters are given: a template with placeholders must still be refused.
      if (params.path === undefined) guardedPathSerializer(schemaPath, {});
      const operation = `${request.method} ${schemaPath}`;
      const row = operations?.[operation];
      if (row) tagOperation(request, row);
      return validate?.(operation, request, params);
    },
  };
}
