import { requestValidation } from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import {
  buildUplynkClient,
  type LeanUplynkClippingClient,
  type UplynkClippingClientOptions,
} from "./lean-client.js";
import { type UplynkPaginate, withPaginate } from "./paginate.js";

export interface UplynkClippingClient extends LeanUplynkClippingClient, UplynkPaginate {}

/**
 * A typed openapi-fetch client for the Uplynk v4 Clipping API, on the shared runtime
 * (`createApiClient` from `@clipkit/core`): every attempt is signed with fresh `msg`/`sig`
 * query parameters, idempotent requests are retried, each attempt has a time limit, and
 * `unwrap` turns error answers into typed `ApiError`s with `msg`/`sig` redacted. Each request
 * is checked against the spec first: one that breaks its limits is never signed or sent.
 * `@clipkit/uplynk-clipping/lean` builds the same client without the checks and `paginate`.
 */
export function createUplynkClippingClient(
  options: UplynkClippingClientOptions,
): UplynkClippingClient {
  return withPaginate(buildUplynkClient(options, requestValidation(requestSchemas)));
}
