import { assertOk, RedirectError, type RequestOptions, ResponseParseError } from "@clipkit/core";
import { followRedirects, pipelineOf } from "@clipkit/core/internal";

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

export interface FileRequest {
  /** The operation's path on the client's `fileBaseUrl`, e.g. `/clips/files`. */
  path: string;
  body: BodyFactory;
  /** Whether `body` can be called again: a retry needs it. */
  replayable: boolean;
  signal: AbortSignal | undefined;
  /** Retries, time limits and `retryPost` for this request; the rest comes from the client. */
  options: RequestOptions;
  route: UploadRoute;
}

export interface FileAnswer {
  /** The parsed JSON of the 2xx answer. */
  data: unknown;
  status: number;
  contentType: string | undefined;
  what: string;
}

const NEVER = new AbortController().signal;

/** The URL without its query (a redirect target may carry a signature there). */
const bare = (url: string) => {
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
 * Sends one request of the file API through the client's lifecycle (credentials where its
 * policy allows, retries, time limits, typed errors): a fresh body per attempt, a body that
 * fails when no byte moves for `idleTimeoutMs`, 30x followed by hand (the body re-sent, each
 * hop under the same rules), and the typed `ApiError` thrown for an error answer.
 */
export async function sendFileRequest(
  client: LeanZoomClipsClient,
  request: FileRequest,
): Promise<FileAnswer> {
  const pipeline = pipelineOf(client);
  const idleMs = request.options.idleTimeoutMs ?? pipeline.policy.idleTimeoutMs;
  const signal = request.signal ?? NEVER;
  let guard: IdleLimited | undefined;
  const send = (url: string, method: string) => (redirect: RequestRedirect) =>
    pipeline.send({
      method,
      url,
      replayable: request.replayable,
      signal,
      options: request.options,
      build() {
        guard?.dispose();
        guard = undefined;
        if (method === "GET") return new Request(url, { redirect });
        const made = request.body();
        const headers = new Headers({ "content-type": made.contentType });
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
  const first = client.fileBaseUrl + request.path;
  try {
    const answer = await withoutTee(send(first, "POST"), request.route);
    const { response, url } = await followRedirects(answer, first, {
      ...(request.route.maxRedirects !== undefined
        ? { maxRedirects: request.route.maxRedirects }
        : {}),
      send: (target, hop) =>
        withoutTee(send(target.toString(), hop.status === 303 ? "GET" : "POST"), request.route),
    });
    await assertOk(response);
    const what = `POST ${bare(url)}`;
    const contentType = response.headers.get("content-type") ?? undefined;
    // The lifecycle buffered the answer: a body that is not JSON throws its ResponseParseError.
    const data: unknown = await response.json();
    return { data, status: response.status, contentType, what };
  } finally {
    guard?.dispose();
  }
}

/**
 * The non-empty string at `path` in a 2xx answer, or a `ResponseParseError` naming what the
 * answer lacks (the API documents the field; without it the upload cannot go on).
 */
export function requiredString(answer: FileAnswer, path: readonly string[]): string {
  let value: unknown = answer.data;
  for (const key of path) {
    value =
      typeof value === "object" && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  if (typeof value === "string" && value !== "") return value;
  throw new ResponseParseError(
    `${answer.what} answered ${answer.status} without ${path.join(".")}`,
    answer.status,
    answer.contentType,
    undefined,
  );
}
