import createClient, { type Client, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import { createPipeline, type Pipeline, type PipelineOptions } from "./create-fetch.js";

const pipelines = new WeakMap<object, Pipeline>();

export interface ApiClientOptions extends PipelineOptions {
  /** How path parameters go into the URL (openapi-fetch's `pathSerializer`). */
  pathSerializer?: FetchClientOptions["pathSerializer"];
}

/** An openapi-fetch client whose every request goes through the client's lifecycle. */
export function createApiClient<Paths extends {}>(options: ApiClientOptions): Client<Paths> {
  const pipeline = createPipeline(options);
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: pipeline.fetch,
    ...(options.pathSerializer ? { pathSerializer: options.pathSerializer } : {}),
  });
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
