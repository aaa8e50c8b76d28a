// One attempt of a request: build it, add the user agent and credentials, send it under the
// attempt's time limit, then either hand a 2xx body over as a guarded stream or read it whole
// (an error body up to ERROR_BODY_CAP). After an auth failure the retry rules ask for an
// attempt with fresh credentials (retry-decision.ts).

import type { AuthProvider } from "../auth/provider.js";
import { type FailureContext, failureFrom } from "../errors/failure.js";
import type { Policy } from "../policy.js";
import { redactUrl } from "../redact.js";
import { abortErrorFrom, attemptSignal } from "../timeout.js";
import type { VendorProfile } from "../vendor.js";
import { buffered } from "./buffered-response.js";
import type { Outgoing, Pacer } from "./compose.js";
import { isDocumentType, readCappedText } from "./response-body.js";
import { rememberResponse } from "./response-metadata.js";
import { guardBody } from "./streamed-body.js";

/** Error bodies are read up to this many bytes: enough for any API's message. */
export const ERROR_BODY_CAP = 64 * 1024;

// undici links a Request's signal to the one it was built with weakly: were `sent` collected,
// the time limit and the caller's abort would no longer reach the caller's fetch.
const sentFor = new WeakMap<Response, Request>();

/** What every attempt of a client shares: set up once per client. */
export interface AttemptClient {
  policy: Policy;
  vendor: VendorProfile;
  /** The User-Agent, for a request that has none. */
  agent: string;
  pacer?: Pacer;
}

/**
 * The attempts of one request: call with the attempt's number (1, 2, …). `method` is
 * upper-cased, `urlText` gives the redacted URL for messages and logs, and `auth` is set when
 * the request may carry the client's credentials. Each answer is remembered with the URL as
 * sent (response-metadata.ts), for `unwrap`.
 */
export function attempts(
  client: AttemptClient,
  outgoing: Outgoing,
  method: string,
  urlText: () => string,
  auth: AuthProvider | undefined,
): (number: number, forceRefresh: boolean) => Promise<Response> {
  const { policy, vendor, agent } = client;
  const { logger } = policy;
  const per = outgoing.options ?? {};
  const caller = outgoing.signal;
  const timeoutMs = per.timeoutMs ?? policy.timeoutMs;
  const idleMs = per.idleTimeoutMs ?? policy.idleTimeoutMs;
  const describe = () => `${method} ${urlText()}`;
  // The Authorization last sent: after an auth failure, the provider is told which one was
  // refused (a stale token or a new one).
  let sentAuthorization: string | null = null;

  return async function attempt(number: number, forceRefresh: boolean): Promise<Response> {
    if (caller.aborted) throw abortErrorFrom(caller);
    const started = Date.now();
    const timer = attemptSignal(timeoutMs, caller);
    const secrets: string[] = [];
    // Made only when a failure or a streamed body needs it: most attempts never do.
    const context = (network = true): FailureContext => ({
      what: describe(),
      caller,
      timedOut: timer.timedOut,
      timeoutMs,
      secrets,
      redactQueryParams: vendor.redactQueryParams,
      network,
    });
    let request: Request;
    let sentUrl = outgoing.url;
    try {
      // A second attempt happens only for a replayable body: every retry rule checks it.
      request = outgoing.build();
      if (!request.headers.has("user-agent")) request.headers.set("User-Agent", agent);
      if (auth) {
        request = await auth.authorize(request, {
          forceRefresh,
          ...(forceRefresh ? { rejectedAuthorization: sentAuthorization } : {}),
          signal: timer.signal,
        });
        sentAuthorization = request.headers.get("authorization");
        // The URL as sent: an auth provider may sign it (Uplynk adds msg and sig).
        sentUrl = request.url;
        if (sentAuthorization) secrets.push(sentAuthorization);
      }
    } catch (error) {
      timer.release();
      // Nothing went on the wire: only an abort or the time limit is re-labelled.
      throw failureFrom(error, context(false));
    }
    // A fetch of the caller's may read the signal off the Request only; the platform's
    // takes it from init, which spares building one more Request per attempt.
    const sent = policy.customFetch ? new Request(request, { signal: timer.signal }) : request;
    let response: Response;
    let answered: ((response: Response) => void) | undefined;
    try {
      // Awaited only with a pacer: without one the attempt takes no extra turn.
      if (client.pacer) {
        answered = await client.pacer.acquire(outgoing.operation?.rateLimit, timer.signal);
      }
      response = await policy.fetch(sent, { signal: timer.signal });
    } catch (error) {
      timer.release();
      const failure = failureFrom(error, context());
      logger?.debug(`${describe()} failed`, {
        method,
        url: urlText(),
        attempt: number,
        durationMs: Date.now() - started,
        error: failure instanceof Error ? failure.name : "unknown",
      });
      throw failure;
    }
    if (answered) {
      try {
        answered(response);
      } catch (error) {
        // The pacer refused the answer (a daily limit): its body is not read.
        timer.release();
        await response.body?.cancel().catch(() => {});
        throw error;
      }
    }
    const status = response.status;
    const streamed =
      response.ok && (per.stream === true || !isDocumentType(response.headers.get("content-type")));
    if (response.body === null) {
      // Nothing to read (HEAD, 204, 304): the answer stands as it came, its headers intact.
      timer.release();
    } else if (streamed) {
      // Headers are in: from here the idle limit governs, and the caller's abort still does.
      timer.clear();
      const body = guardBody(response.body as ReadableStream<Uint8Array>, {
        ...context(),
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
        throw failureFrom(error, context());
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
    rememberResponse(response, {
      vendor,
      method,
      operation: outgoing.operation,
      get url() {
        return redactUrl(sentUrl, vendor.redactQueryParams);
      },
    });
    return response;
  };
}
