import createClient, { type Client } from "openapi-fetch";
import { assertCredentialTransport } from "./auth/origins.js";
import { createFetch, type PipelineOptions } from "./create-fetch.js";
import { guardedPathSerializer, pathParamsGuard } from "./path-segment.js";
import { guardedQuerySerializer } from "./query-guard.js";

/**
 * An openapi-fetch client whose every request goes through the `createFetch` pipeline, with
 * path and query values checked and encoded by the guards before anything is sent.
 */
export function createApiClient<Paths extends {}>(options: PipelineOptions): Client<Paths> {
  if (options.auth) {
    assertCredentialTransport("baseUrl", options.baseUrl, options.allowInsecureHttp);
    for (const origin of options.trustedOrigins ?? []) {
      assertCredentialTransport("trustedOrigins", origin, options.allowInsecureHttp);
    }
  }
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: createFetch(options),
    pathSerializer: guardedPathSerializer,
    querySerializer: guardedQuerySerializer(),
  });
  client.use(pathParamsGuard());
  return client;
}
