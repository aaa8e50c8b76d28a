import createClient, { type Client } from "openapi-fetch";
import { assertCredentialTransport } from "./auth/origins.js";
import { createPipeline, type Pipeline, type PipelineOptions } from "./create-fetch.js";
import { guardedPathSerializer, pathParamsGuard } from "./path-segment.js";
import { guardedQuerySerializer } from "./query-guard.js";

const pipelines = new WeakMap<object, Pipeline>();

/**
 * An openapi-fetch client whose every request goes through the client's lifecycle, with path
 * and query values checked and encoded by the guards before anything is sent, and credentials
 * never configured to travel over plain http:// (loopback aside) unless `allowInsecureHttp`.
 */
export function createApiClient<Paths extends {}>(options: PipelineOptions): Client<Paths> {
  if (options.auth) {
    assertCredentialTransport("baseUrl", options.baseUrl, options.allowInsecureHttp);
    for (const origin of options.trustedOrigins ?? []) {
      assertCredentialTransport("trustedOrigins", origin, options.allowInsecureHttp);
    }
  }
  const pipeline = createPipeline(options);
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: pipeline.fetch,
    pathSerializer: guardedPathSerializer,
    querySerializer: guardedQuerySerializer(),
  });
  client.use(pathParamsGuard());
  pipelines.set(client, pipeline);
  return client;
}

/**
 * The lifecycle behind a client from `createApiClient`: helpers that build their own
 * requests (uploads, downloads) send them through it, under the same policy.
 */
export function pipelineOf(client: object): Pipeline {
  const pipeline = pipelines.get(client);
  if (!pipeline) throw new TypeError("not a client made by createApiClient");
  return pipeline;
}
