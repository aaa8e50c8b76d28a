import { requestValidation } from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import {
  build{{Pascal}}Client,
  type {{Pascal}}Client,
  type {{Pascal}}ClientOptions,
} from "./lean-client.js";

/**
 * A typed openapi-fetch client for the {{title}}, on the shared runtime (auth, retries,
 * timeouts, typed errors through `unwrap` from `@clipkit/core`). Every request is checked
 * against the spec's limits (src/generated/limits.ts) before anything is sent;
 * `@clipkit/{{name}}/lean` builds the same client without the checks.
 */
export function create{{Pascal}}Client(options: {{Pascal}}ClientOptions): {{Pascal}}Client {
  return build{{Pascal}}Client(options, requestValidation(requestSchemas));
}
