// The request spine, read top to bottom from here: compose.ts wires one request's parts —
// request-options.ts (per-request overrides), replayable-body.ts (may a body be sent again),
// credentials.ts (who may receive credentials), attempt.ts (one attempt: credentials from
// the provider, sent under its time limit, then the body read whole into a
// buffered-response.ts or streamed under streamed-body.ts's idle limit — response-body.ts
// tells which — and the answer noted in response-metadata.ts for `unwrap`),
// retry-decision.ts (when to try again and after how long), retry-loop.ts (the one loop).
import type { AuthProvider } from "../auth/provider.js";
import type { OperationInfo } from "../operation-info.js";
import { type ClientOptions, type Policy, resolvePolicy } from "../policy.js";
import { redactUrl } from "../redact.js";
import { userAgent } from "../user-agent.js";
import type { VendorProfile } from "../vendor.js";
import { type AttemptClient, attempts } from "./attempt.js";
import { textOf } from "./buffered-response.js";
import { assertCredentialOrigins, type CredentialPolicy, credentialPolicy } from "./credentials.js";
import { isReplayable } from "./replayable-body.js";
import { operationOf, type RequestOptions, requestOptionsOf } from "./request-options.js";
import { parseBody } from "./response-body.js";
import { retryRules } from "./retry-decision.js";
import { runWithRetries } from "./retry-loop.js";

export type { ClientOptions } from "../policy.js";
export { ERROR_BODY_CAP } from "./attempt.js";
export { textOf } from "./buffered-response.js";

export interface PipelineOptions extends ClientOptions {
  baseUrl: string;
  auth?: AuthProvider;
  vendor: VendorProfile;
  /** More origins of the client's own (a file host); like `trustedOrigins`. */
  ownOrigins?: string[];
}

/** One logical request: the lifecycle makes a fresh `Request` for each attempt with `build`. */
export interface Outgoing {
  method: string;
  url: string;
  build(): Request;
  /** Whether `build` can be called again after a first attempt (its body can be re-sent). */
  replayable: boolean;
  signal: AbortSignal;
  options?: RequestOptions | undefined;
  /** The operation's row of the client's generated table (its rate-limit category, scopes). */
  operation?: OperationInfo | undefined;
}

/**
 * Paces a client's attempts (the rate governor of `@clipkit/core/governor`): before each
 * attempt is sent, a slot of the request's category; it resolves with what to call with the
 * answer once its headers are in (which may throw: a daily limit).
 */
export interface Pacer {
  acquire(category: string | undefined, signal: AbortSignal): Promise<(response: Response) => void>;
}

/** A client's lifecycle: every request it makes, whatever its kind, goes through `send`. */
export interface Pipeline {
  /** A drop-in `fetch` (what openapi-fetch calls). */
  fetch: typeof fetch;
  send(outgoing: Outgoing): Promise<Response>;
  policy: Policy;
  vendor: VendorProfile;
  mayReceiveCredentials: CredentialPolicy;
  /** Puts every later attempt of this client under `pacer` (set after construction, so that a
   * client without one carries none of its code). */
  pace(pacer: Pacer): void;
}

const defaultIsAuthFailure = (response: Response) => response.status === 401;

/**
 * The request lifecycle: user agent; credentials only where the credential policy allows,
 * requested inside the attempt (a token request counts against the call's time and abort);
 * a time limit per attempt until the JSON or error body has been read, an idle limit for
 * streamed bodies; one refresh on an auth failure; retries by the rules below; every failure
 * a typed error. Non-2xx answers are returned (errors as data); `unwrap`/`assertOk` throw them.
 * Retries follow `retryRules` (retry-decision.ts).
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
  const client: AttemptClient = { policy, vendor, agent };
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
    // Stryker disable next-line ConditionalExpression: without auth the result is undefined either way; the check spares parsing the URL
    const requestAuth =
      auth !== undefined && mayReceiveCredentials(outgoing.url) ? auth : undefined;
    const attempt = attempts(client, outgoing, method, urlText, requestAuth);
    const rules = retryRules(
      outgoing,
      method,
      per.retryPost ?? policy.retryPost,
      vendor,
      requestAuth && ((response) => isAuthFailure(response, parseBody(textOf(response)))),
    );

    let count = 0;
    return runWithRetries<Response>(
      {
        attempt: (_, after) => attempt(++count, after?.refresh === true),
        ...rules,
        onRetry(delayMs, retry, decision) {
          if (decision.refresh) {
            logger?.debug(`${describe()} auth failure: refreshing credentials once`, {
              attempt: count,
            });
          } else {
            logger?.debug(`${describe()} retrying in ${delayMs} ms`, { attempt: retry, delayMs });
          }
        },
      },
      policy,
      outgoing.signal,
      per.maxRetries ?? policy.maxRetries,
    );
  }

  async function pipelineFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request =
      input instanceof Request && init === undefined ? input : new Request(input, init);
    const options = requestOptionsOf(input, init);
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
      operation: operationOf(input),
      build: () => (uses++ === 0 || !spare ? request : spare.clone()),
    });
  }

  return {
    fetch: pipelineFetch as typeof fetch,
    send,
    policy,
    vendor,
    mayReceiveCredentials,
    pace(pacer) {
      client.pacer = pacer;
    },
  };
}

/** The pipeline as a plain `fetch`. */
export function createFetch(options: PipelineOptions): typeof fetch {
  return createPipeline(options).fetch;
}
