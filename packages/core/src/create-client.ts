import createClient, { type Client } from "openapi-fetch";
import { createFetch, type PipelineOptions } from "./create-fetch.js";

/** An openapi-fetch client whose every request goes through the `createFetch` pipeline. */
export function createApiClient<Paths extends {}>(options: PipelineOptions): Client<Paths> {
  return createClient<Paths>({ baseUrl: options.baseUrl, fetch: createFetch(options) });
}
