// The one route to the file host: every request that carries a body there — the upload
// helpers' (file-request.ts) and a raw `client.POST` with `multipartBody` (raw-file-route.ts) —
// is sent here, under the same rules for redirects, credentials, idle bodies and errors.
import { RedirectError, type RequestOptions } from "@clipkit/core";
import {
  followRedirects,
  headersForHop,
  type OperationInfo,
  pipelineOf,
} from "@clipkit/core/internal";

import type { LeanZoomClipsClient } from "../lean-client.js";
import { type IdleLimited, idleLimit } from "./idle-limit.js";

/** What one request sends; called again for a retry or a redirect (307/308 re-send the body). */
export type BodyFactory = () => {
  body: string | ReadableStream<Uint8Array>;
  contentType: string;
  contentLength?: number | undefined;
};

/** Shared by the requests of one upload. */
export interface UploadRoute {
  /** Redirects followed per request. */
  maxRedirects: number | undefined;
  /** Set once the server has redirected one request: the later ones go "manual" at once. */
  redirected: boolean;
}

export interface FileHostRequest {
  /** Where the request goes first (on the client's `fileBaseUrl`). */
  url: string;
  body: BodyFactory;
  /** Whether `body` can be called again: a retry needs it. */
  replayable: boolean;
  signal: AbortSignal | undefined;
  /** Retries, time limits and `retryPost` for this request; the rest comes from the client. */
  options: RequestOptions;
  route: UploadRoute;
  /** The caller's own headers (a raw call's); credential headers go only where allowed. */
  headers?: Headers | undefined;
  /** The operation's row of the generated table, for the rate governor and scopes. */
  operation?: OperationInfo | undefined;
}

const NEVER = new AbortController().signal;

/** The URL without its query (a redirect target may carry a signature there). */
export const bare = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
};

/**
 * Whether `error` is fetch refusing a redirect under `redirect: "error"`: core's lifecycle
 * turns that refusal (undici's "unexpected redirect") into a `RedirectError`, and a request
 * sent in that mode meets no other one (it never follows a redirect, so never loops).
 */
const isRefusedRedirect = (error: unknown) => error instanceof RedirectError;

/**
 * Sends with `redirect: "error"` first. Node's fetch (undici) clones a request whose redirect
 * mode is not "error" — and cloning tees the body stream, so the branch never read holds every
 * byte sent until the answer comes: a 64 MiB part would cost 64 MiB. Only when the server
 * does redirect is the request sent again with `redirect: "manual"` to read its `Location`
 * (fetch hides it otherwise); the upload's later requests use "manual" straight away, since
 * sending every body twice would cost more than the memory of the tee.
 */
async function withoutTee(
  send: (redirect: RequestRedirect) => Promise<Response>,
  route: UploadRoute,
): Promise<Response> {
  if (route.redirected) return send("manual");
  try {
    return await send("error");
  } catch (error) {
    if (!isRefusedRedirect(error)) throw error;
    route.redirected = true;
    return send("manual");
  }
}

/**
 * Sends one POST to the file host through the client's lifecycle (credentials where its
 * policy allows, retries, time limits, typed errors): a fresh body per attempt, a body that
 * fails when no byte moves for `idleTimeoutMs`, 30x followed by hand (the body re-sent, each
 * hop under the same rules; a 303 turns into a GET). Returns the last answer, an error status
 * included, and the URL that gave it.
 */
export async function sendToFileHost(
  client: LeanZoomClipsClient,
  request: FileHostRequest,
): Promise<{ response: Response; url: string }> {
  const pipeline = pipelineOf(client);
  const idleMs = request.options.idleTimeoutMs ?? pipeline.policy.idleTimeoutMs;
  const signal = request.signal ?? NEVER;
  const own = request.headers ?? new Headers();
  let guard: IdleLimited | undefined;
  const send = (url: string, method: string) => (redirect: RequestRedirect) =>
    pipeline.send({
      method,
      url,
      replayable: request.replayable,
      signal,
      options: request.options,
      operation: request.operation,
      build() {
        guard?.dispose();
        guard = undefined;
        const headers = headersForHop(url, own, pipeline.mayReceiveCredentials);
        headers.delete("content-length");
        if (method === "GET") {
          headers.delete("content-type");
          return new Request(url, { headers, redirect });
        }
        const made = request.body();
        headers.set("content-type", made.contentType);
        if (made.contentLength !== undefined) {
          headers.set("content-length", String(made.contentLength));
        }
        let body: BodyInit = made.body;
        if (typeof made.body !== "string") {
          guard = idleLimit(made.body, idleMs, `${method} ${bare(url)}`);
          body = guard.body;
        }
        return new Request(url, { method, headers, body, redirect, duplex: "half" } as RequestInit);
      },
    });
  try {
    const answer = await withoutTee(send(request.url, "POST"), request.route);
    return await followRedirects(answer, request.url, {
      ...(request.route.maxRedirects !== undefined
        ? { maxRedirects: request.route.maxRedirects }
        : {}),
      send: (target, hop) =>
        withoutTee(send(target.toString(), hop.status === 303 ? "GET" : "POST"), request.route),
    });
  } finally {
    guard?.dispose();
  }
}
