import {
  assertCredentialOrigins,
  type CredentialPolicy,
  credentialPolicy,
} from "./auth/origins.js";
import type { AuthProvider } from "./auth/provider.js";
import { isDocumentType, isJsonType, parseBody, readCappedText } from "./body.js";
import { bodySnippet } from "./errors/api-error.js";
import { failureFrom } from "./errors/failure.js";
import { ConnectionError, ResponseParseError, TimeoutError } from "./errors/request-errors.js";
import { guardBody } from "./guarded-body.js";
import { type ClientOptions, type Policy, resolvePolicy } from "./policy.js";
import { redactUrl } from "./redact.js";
import { isReplayable } from "./request-body.js";
import { type RequestOptions, takeRequestOptions } from "./request-options.js";
import { rememberResponse } from "./response-meta.js";
import { IDEMPOTENT_METHODS, RETRYABLE_STATUSES, serverRequestedDelay } from "./retry.js";
import { runWithRetries } from "./retry-loop.js";
import { abortErrorFrom, attemptSignal } from "./timeout.js";
import { userAgent } from "./user-agent.js";
import type { VendorProfile } from "./vendor.js";

export type { ClientOptions } from "./policy.js";

export interface PipelineOptions extends ClientOptions {
  baseUrl: string;
  auth?: AuthProvider;
  vendor: VendorProfile;
  /** More origins of the client's own (a file host); like `trustedOrigins`. */
  ownOrigins?: string[];
}

/** Error bodies are read up to this many bytes: enough for any API's message. */
export const ERROR_BODY_CAP = 64 * 1024;

/** One logical request: the lifecycle makes a fresh `Request` for each attempt with `build`. */
export interface Outgoing {
  method: string;
  url: string;
  build(): Request;
  /** Whether `build` can be called again after a first attempt (its body can be re-sent). */
  replayable: boolean;
  signal: AbortSignal;
  options?: RequestOptions;
}

/** A client's lifecycle: every request it makes, whatever its kind, goes through `send`. */
export interface Pipeline {
  /** A drop-in `fetch` (what openapi-fetch calls). */
  fetch: typeof fetch;
  send(outgoing: Outgoing): Promise<Response>;
  policy: Policy;
  vendor: VendorProfile;
  mayReceiveCredentials: CredentialPolicy;
}

const defaultIsAuthFailure = (response: Response) => response.status === 401;

/**
 * The request lifecycle: user agent; credentials only where the credential policy allows,
 * requested inside the attempt (a token request counts against the call's time and abort);
 * a time limit per attempt until the JSON or error body has been read, an idle limit for
 * streamed bodies; one refresh on an auth failure; retries by the rules below; every failure
 * a typed error. Non-2xx answers are returned (errors as data); `unwrap`/`assertOk` throw them.
 *
 * Retries: 429 for any method whose body can be re-sent (the request was not processed);
 * 408/5xx, connection failures and timeouts for idempotent methods (POST/PATCH only with
 * `retryPost`); never a redirect loop, a caller abort or a bad input.
 */
export function createPipeline(options: PipelineOptions): Pipeline {
  const policy = resolvePolicy(options);
  const { vendor, auth } = options;
  const ownOrigins = [
    { field: "baseUrl", url: options.baseUrl },
    ...(options.ownOrigins ?? []).map((url) => ({ field: "ownOrigins", url })),
    ...(options.trustedOrigins ?? []).map((url) => ({ field: "trustedOrigins", url })),
  ];
  if (auth) assertCredentialOrigins(ownOrigins, options.allowInsecureHttp);
  const mayReceiveCredentials = credentialPolicy(ownOrigins, vendor);
  const agent = userAgent(vendor.userAgent);
  const isAuthFailure = auth?.isAuthFailure ?? vendor.isAuthFailure ?? defaultIsAuthFailure;
  const { logger } = policy;

  async function send(outgoing: Outgoing): Promise<Response> {
    const per = outgoing.options ?? {};
    const method = outgoing.method.toUpperCase();
    // Redacting parses the URL: done only when a message, a log line or an error needs it.
    let redacted: string | undefined;
    const urlText = () => {
      redacted ??= redactUrl(outgoing.url, vendor.redactQueryParams);
      return redacted;
    };
    const describe = () => `${method} ${urlText()}`;
    const caller = outgoing.signal;
    const timeoutMs = per.timeoutMs ?? policy.timeoutMs;
    const idleMs = per.idleTimeoutMs ?? policy.idleTimeoutMs;
    const mayRetryFailure =
      outgoing.replayable &&
      (IDEMPOTENT_METHODS.has(method) || (per.retryPost ?? policy.retryPost));
    const withAuth = auth !== undefined && mayReceiveCredentials(outgoing.url);

    let forceRefresh = false;
    let sentAuthorization: string | null = null;
    // The URL as sent: an auth provider may sign it (Uplynk adds msg and sig).
    let sentUrl = outgoing.url;

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
        if (withAuth) {
          request = await auth.authorize(request, {
            forceRefresh,
            ...(forceRefresh ? { rejectedAuthorization: sentAuthorization } : {}),
            signal: timer.signal,
          });
          sentAuthorization = request.headers.get("authorization");
          sentUrl = request.url;
          if (sentAuthorization) context.secrets.push(sentAuthorization);
        }
        forceRefresh = false;
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
      const stream =
        response.ok &&
        (per.stream === true || !isDocumentType(response.headers.get("content-type")));
      if (response.body === null) {
        // Nothing to read (HEAD, 204, 304): the answer stands as it came, its headers intact.
        timer.release();
      } else if (stream) {
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
        withAuth &&
        outgoing.replayable &&
        isAuthFailure(response, parseBody(textOf(response)))
      ) {
        logger?.debug(`${describe()} auth failure: refreshing credentials once`, {
          attempt: number,
        });
        forceRefresh = true;
        return attempt(number, true);
      }
      return response;
    }

    let attempts = 0;
    const response = await runWithRetries<Response>(
      {
        attempt: () => attempt(++attempts, false),
        retryResult(response) {
          const status = response.status;
          const retry =
            (status === 429 && outgoing.replayable) ||
            (RETRYABLE_STATUSES.has(status) && mayRetryFailure);
          // A retried answer is never a 2xx, so its body was read whole: nothing to free.
          return retry
            ? { requestedMs: serverRequestedDelay(response.headers, vendor, Date.now()) }
            : undefined;
        },
        retryError(error) {
          const retry =
            mayRetryFailure &&
            (error instanceof ConnectionError || error instanceof TimeoutError) &&
            !caller.aborted;
          return retry ? {} : undefined;
        },
        onRetry(delayMs, retry) {
          logger?.debug(`${describe()} retrying in ${delayMs} ms`, { attempt: retry, delayMs });
        },
      },
      policy,
      caller,
      per.maxRetries ?? policy.maxRetries,
    );
    rememberResponse(response, {
      vendor,
      method,
      get url() {
        return redactUrl(sentUrl, vendor.redactQueryParams);
      },
    });
    return response;
  }

  async function pipelineFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request =
      input instanceof Request && init === undefined ? input : new Request(input, init);
    const options = takeRequestOptions(request.headers);
    const replayable = isReplayable(request, init);
    // A body that can be re-sent is cloned before the first attempt uses it up.
    const spare = replayable && request.body !== null ? request.clone() : undefined;
    let uses = 0;
    return send({
      method: request.method,
      url: request.url,
      replayable,
      signal: request.signal,
      options,
      build: () => (uses++ === 0 || !spare ? request : spare.clone()),
    });
  }

  return { fetch: pipelineFetch as typeof fetch, send, policy, vendor, mayReceiveCredentials };
}

/** The pipeline as a plain `fetch`. */
export function createFetch(options: PipelineOptions): typeof fetch {
  return createPipeline(options).fetch;
}

const bufferedBytes = new WeakMap<Response, Uint8Array>();
const sentFor = new WeakMap<Response, Request>();

/** The text of a response the lifecycle read whole ("" for a streamed one). */
export function textOf(response: Response): string {
  const bytes = bufferedBytes.get(response);
  return bytes ? new TextDecoder().decode(bytes) : "";
}

/**
 * The response with its body already read into `bytes`: its body methods serve those bytes,
 * and `json()` throws `ResponseParseError` (with a short excerpt) instead of a bare
 * `SyntaxError` when the body is not JSON. Decorated in place rather than rebuilt: a new
 * `Response` costs more than the whole rest of the lifecycle.
 */
function buffered(response: Response, bytes: Uint8Array, describe: () => string): Response {
  bufferedBytes.set(response, bytes);
  const status = response.status;
  const contentType = response.headers.get("content-type") ?? undefined;
  const text = () => new TextDecoder().decode(bytes);
  const copy = () => new Response(bytes.slice(), response);
  const methods: Partial<Response> = {
    text: async () => text(),
    arrayBuffer: async () => bytes.slice().buffer,
    bytes: async () => bytes.slice(),
    blob: async () => new Blob([bytes.slice()], contentType ? { type: contentType } : {}),
    formData: () => copy().formData(),
    clone: () => buffered(copy(), bytes, describe),
    json: async () => {
      const body = text();
      try {
        return JSON.parse(body);
      } catch (error) {
        const kind = isJsonType(contentType)
          ? "malformed JSON"
          : `${contentType ?? "no content type"}, not JSON`;
        throw new ResponseParseError(
          `${describe()} answered ${status} with ${kind}`,
          status,
          contentType,
          bodySnippet(body),
          { cause: error },
        );
      }
    },
  };
  Object.assign(response, methods);
  Object.defineProperty(response, "body", { get: () => copy().body, configurable: true });
  Object.defineProperty(response, "bodyUsed", { value: false, configurable: true });
  if (response.headers.get("content-length") !== String(bytes.byteLength)) {
    // openapi-fetch parses a body without Content-Length itself (a bare SyntaxError on bad
    // JSON), and a compressed one's length is not the bytes we hold: state the real length.
    const headers = new Headers(response.headers);
    headers.set("content-length", String(bytes.byteLength));
    headers.delete("content-encoding");
    Object.defineProperty(response, "headers", { value: headers, configurable: true });
  }
  return response;
}
