import createClient, { type Client } from "openapi-fetch";
import { createPipeline, type Pipeline, type PipelineOptions } from "./create-fetch.js";
import { guardedPathSerializer, pathParamsGuard } from "./path-segment.js";
import { guardedQuerySerializer } from "./query-guard.js";

const pipelines = new WeakMap<object, Pipeline>();

/**
 * An openapi-fetch client whose every request goes through the client's lifecycle, with path
 * and query values checked and encoded by the guards before anything is sent.
 */
export function createApiClient<Paths extends {}>(options: PipelineOptions): Client<Paths> {
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
