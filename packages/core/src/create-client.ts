import createClient, { type Client, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import { clientMiddleware } from "./client-middleware.js";
import type { OperationTable } from "./operation-info.js";
import { guardedPathSerializer } from "./path-segment.js";
import { createPipeline, type Pipeline, type PipelineOptions } from "./pipeline/compose.js";
import { guardedQuerySerializer } from "./query-guard.js";
import type { RequestValidator } from "./request-schema.js";

const pipelines = new WeakMap<object, Pipeline>();

type PathSerializer = NonNullable<FetchClientOptions["pathSerializer"]>;

/** `serialize`, after the path-segment guard has refused any bad value. */
const guardedBy =
  (serialize: PathSerializer): PathSerializer =>
  (pathname, params) => {
    guardedPathSerializer(pathname, params);
    return serialize(pathname, params);
  };

export interface ApiClientOptions extends PipelineOptions {
  /**
   * How path parameters go into the URL (openapi-fetch's `pathSerializer`), e.g. Zoom's double
   * encoding of some meeting UUIDs. The path-segment guard checks the values first either way.
   */
  pathSerializer?: FetchClientOptions["pathSerializer"];
  /**
   * The API's operations, keyed `"<METHOD> <path template>"` (a package's generated
   * `operationInfo`): each request is tagged with its row once, for the rate governor (its
   * category) and `MissingScopesError` (its scopes).
   */
  operations?: OperationTable;
  /**
   * Checks each request before anything is sent (`requestValidation(requestSchemas)`). Left
   * out by a package's `./lean` entry, so that its bundle carries no schemas and no checker.
   */
  validation?: RequestValidator;
}

/**
 * An openapi-fetch client whose every request goes through the client's lifecycle, with path
 * and query values checked and encoded by the guards, and the request checked against its
 * operation's schemas when `validation` is given, before anything is sent.
 */
export function createApiClient<Paths extends {}>(options: ApiClientOptions): Client<Paths> {
  const pipeline = createPipeline(options);
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: pipeline.fetch,
    pathSerializer: options.pathSerializer
      ? guardedBy(options.pathSerializer)
      : guardedPathSerializer,
    querySerializer: guardedQuerySerializer(),
  });
  client.use(clientMiddleware(options.operations, options.validation));
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
