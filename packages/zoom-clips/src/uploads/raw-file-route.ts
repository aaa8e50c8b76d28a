import { MAX_TIMER_MS, operationOf, requestOptionsOf } from "@clipkit/core/internal";
import type { FileRoute } from "../file-server.js";
import type { LeanZoomClipsClient } from "../lean-client.js";
import { type BodyFactory, sendToFileHost } from "./file-route.js";

/**
 * The route of a raw call whose body `body` makes afresh for each attempt and hop: the
 * Request openapi-fetch built gives the URL, headers, signal, operation and per-request
 * options, and its own body is never read (`body` streams from the caller's Blob instead, so
 * nothing is buffered or teed). File bytes fall under the idle limit, not a whole-attempt one,
 * as the helpers' do; the answer, an error status included, goes back to openapi-fetch.
 */
export function rawFileRoute(body: BodyFactory): FileRoute {
  return async (client, request) => {
    const { response } = await sendToFileHost(client as LeanZoomClipsClient, {
      url: request.url,
      headers: request.headers,
      body,
      replayable: true,
      signal: request.signal,
      options: { timeoutMs: MAX_TIMER_MS, ...requestOptionsOf(request, undefined) },
      operation: operationOf(request),
      route: { maxRedirects: undefined, redirected: false },
    });
    return response;
  };
}
