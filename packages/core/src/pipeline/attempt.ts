// One attempt of a request: build it, add the user agent and credentials, send it under the
// attempt's time limit, then either hand a 2xx body over as a guarded stream or read it whole
// (an error body up to ERROR_BODY_CAP). An auth failure refreshes the credentials and tries once
// more within the attempt.

import { failureFrom } from "../errors/failure.js";
import type { Policy } from "../policy.js";
import { abortErrorFrom, attemptSignal } from "../timeout.js";
import type { VendorProfile } from "../vendor.js";
import { buffered, textOf } from "./buffered-response.js";
import type { Outgoing } from "./compose.js";
import type { RequestCredentials } from "./credentials.js";
import { isDocumentType, parseBody, readCappedText } from "./response-body.js";
import { guardBody } from "./streamed-body.js";

/** Error bodies are read up to this many bytes: enough for any API's message. */
export const ERROR_BODY_CAP = 64 * 1024;

// undici links a Request's signal to the one it was built with weakly: were `sent` collected,
// the time limit and the caller's abort would no longer reach the caller's fetch.
const sentFor = new WeakMap<Response, Request>();

export interface AttemptSetup {
  outgoing: Outgoing;
  /** Upper-cased. */
  method: string;
  /** The caller's signal. */
  caller: AbortSignal;
  timeoutMs: number;
  idleMs: number;
  /** Stream the 2xx body even when it is a document. */
  stream: boolean | undefined;
  agent: string;
  policy: Policy;
  vendor: VendorProfile;
  /** "GET <redacted url>", for messages and logs. */
  describe(): string;
  urlText(): string;
  /** Set when the request may carry the client's credentials. */
  credentials: RequestCredentials | undefined;
  isAuthFailure(response: Response, body: unknown): boolean;
  /** Told the URL as sent: an auth provider may sign it (Uplynk adds msg and sig). */
  onSent(url: string): void;
}

/** The attempts of one request: call with the attempt's number (1, 2, …). */
export function attempts(setup: AttemptSetup): (number: number) => Promise<Response> {
  const { outgoing, method, caller, timeoutMs, idleMs, stream, agent, policy, vendor } = setup;
  const { describe, urlText, credentials, isAuthFailure, onSent } = setup;
  const { logger } = policy;

  async function attempt(number: number, refreshed: boolean): Promise<Response> {
    if (caller.aborted) throw abortErrorFrom(caller);
    const started = Date.now();
    const timer = attemptSignal(timeoutMs, caller);
    const context = {
      get what() {
        return describe();
      },
      caller,
      timedOut: timer.timedOut,
      timeoutMs,
      secrets: [] as string[],
      redactQueryParams: vendor.redactQueryParams,
    };
    let request: Request;
    try {
      // A second attempt happens only for a replayable body: every retry rule checks it.
      request = outgoing.build();
      if (!request.headers.has("user-agent")) request.headers.set("User-Agent", agent);
      if (credentials) {
        request = await credentials.authorize(request, timer.signal);
        const sentAuthorization = request.headers.get("authorization");
        onSent(request.url);
        if (sentAuthorization) context.secrets.push(sentAuthorization);
      }
    } catch (error) {
      timer.release();
      // Nothing went on the wire: only an abort or the time limit is re-labelled.
      throw failureFrom(error, { ...context, network: false });
    }
    // A fetch of the caller's may read the signal off the Request only; the platform's
    // takes it from init, which spares building one more Request per attempt.
    const sent = policy.customFetch ? new Request(request, { signal: timer.signal }) : request;
    let response: Response;
    try {
      response = await policy.fetch(sent, { signal: timer.signal });
    } catch (error) {
      timer.release();
      const failure = failureFrom(error, context);
      logger?.debug(`${describe()} failed`, {
        method,
        url: urlText(),
        attempt: number,
        durationMs: Date.now() - started,
        error: failure instanceof Error ? failure.name : "unknown",
      });
      throw failure;
    }
    const status = response.status;
    const streamed =
      response.ok && (stream === true || !isDocumentType(response.headers.get("content-type")));
    if (response.body === null) {
      // Nothing to read (HEAD, 204, 304): the answer stands as it came, its headers intact.
      timer.release();
    } else if (streamed) {
      // Headers are in: from here the idle limit governs, and the caller's abort still does.
      timer.clear();
      const body = guardBody(response.body as ReadableStream<Uint8Array>, {
        ...context,
        timedOut: undefined,
        idleMs,
        abort: timer.abort,
        done: timer.release,
      });
      response = new Response(body, response);
    } else {
      let bytes: Uint8Array;
      try {
        bytes = response.ok
          ? new Uint8Array(await response.arrayBuffer())
          : new TextEncoder().encode(await readCappedText(response.body, ERROR_BODY_CAP));
      } catch (error) {
        throw failureFrom(error, context);
      } finally {
        timer.release();
      }
      response = buffered(response, bytes, describe);
    }
    // undici links a Request's signal to the one it was built with weakly: were `sent`
    // collected, the time limit and the caller's abort would no longer reach the caller's
    // fetch. It lives as long as its answer.
    if (sent !== request) sentFor.set(response, sent);
    logger?.debug(`${describe()} -> ${status}`, {
      method,
      url: urlText(),
      status,
      attempt: number,
      durationMs: Date.now() - started,
    });
    if (
      !refreshed &&
      !response.ok &&
      credentials &&
      outgoing.replayable &&
      isAuthFailure(response, parseBody(textOf(response)))
    ) {
      logger?.debug(`${describe()} auth failure: refreshing credentials once`, {
        attempt: number,
      });
      credentials.refreshNext();
      return attempt(number, true);
    }
    return response;
  }

  return (number) => attempt(number, false);
}
