import type { OperationScopes } from "../operation-info.js";
import { responseMeta } from "../pipeline/response-metadata.js";
import { redactUrl, redactUrlsInText } from "../redact.js";
import { defaultErrorFromBody, type RateLimitInfo, type VendorProfile } from "../vendor.js";
import { ClipKitError } from "./clipkit-error.js";

export interface ApiErrorInit {
  status: number;
  method: string;
  /** Redacted before it is stored. */
  url: string;
  code?: string | number;
  apiMessage?: string;
  requestId?: string;
  rateLimit?: RateLimitInfo;
  body?: unknown;
  /** Extra query names to redact from `url`. */
  redactQueryParams?: string[];
}

const SNIPPET_LENGTH = 200;

/** A short, single-line excerpt of a non-JSON body (an HTML page from a proxy, say). */
export function bodySnippet(body: unknown): string | undefined {
  if (typeof body !== "string" || body.trim() === "") return undefined;
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}

/** A non-2xx answer from an API. Subclasses name the common statuses. */
export class ApiError extends ClipKitError {
  override name = "ApiError";
  readonly status: number;
  /** The API's own error code, when its body has one. */
  readonly code: string | number | undefined;
  /** The API's own error message, when its body has one. */
  readonly apiMessage: string | undefined;
  readonly method: string;
  /** The request URL with credentials and signatures redacted. */
  readonly url: string;
  readonly requestId: string | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
  /** The parsed error body (or its text); not shown by `toJSON`/`inspect` to keep them short. */
  declare readonly body: unknown;

  constructor(init: ApiErrorInit) {
    const url = redactUrl(init.url, init.redactQueryParams);
    const detail =
      [init.code, init.apiMessage].filter((v) => v !== undefined && v !== "").join(": ") ||
      bodySnippet(init.body) ||
      "no error message";
    super(`${init.status} from ${init.method} ${url}: ${redactUrlsInText(detail)}`);
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    this.method = init.method;
    this.url = url;
    this.requestId = init.requestId;
    this.rateLimit = init.rateLimit;
    Object.defineProperty(this, "body", { value: init.body, enumerable: false });
  }

  protected override details(): Record<string, unknown> {
    return {
      status: this.status,
      code: this.code,
      apiMessage: this.apiMessage,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      rateLimit: this.rateLimit,
    };
  }
}

export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
/** 401 from an API, or any failure of a token endpoint. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

/** `a, b` or "none listed". */
const names = (scopes: readonly string[]) => (scopes.length > 0 ? scopes.join(", ") : "none");

/**
 * The API refused a call because the token lacks the operation's scopes (Zoom's code 4711,
 * "Invalid access token, does not contain scopes", sent with 400 or 401). `requiredScopes` are
 * the operation's scopes from its spec (a token needs any one of them), when the client knew
 * the operation; the message names them, and never the token.
 */
export class MissingScopesError extends ApiError {
  override name = "MissingScopesError";
  readonly requiredScopes: OperationScopes | undefined;

  constructor(init: ApiErrorInit & { requiredScopes?: OperationScopes | undefined }) {
    super(init);
    this.requiredScopes = init.requiredScopes;
    if (init.requiredScopes) {
      const { granular, macro } = init.requiredScopes;
      this.message += ` (the operation needs one of the granular scopes ${names(granular)}, or one of the scopes ${names(macro)})`;
    }
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), requiredScopes: this.requiredScopes };
  }
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The ApiError subclass for an HTTP status. */
export function apiErrorClassFor(status: number): typeof ApiError {
  return BY_STATUS[status] ?? (status >= 500 ? InternalServerError : ApiError);
}

/**
 * The typed error for a non-2xx `response` whose (already read) body is `body`: the
 * vendor's code and message, request ID and rate-limit headers, and a redacted URL.
 */
export function apiErrorFrom(
  response: Response,
  body: unknown,
  vendor: VendorProfile,
  method: string,
): ApiError {
  const parsed = (vendor.errorFromBody ?? defaultErrorFromBody)(body);
  const requestId = vendor.requestIdHeader
    ? (response.headers.get(vendor.requestIdHeader) ?? undefined)
    : undefined;
  const rateLimit = vendor.rateLimitFromHeaders?.(response.headers);
  const missingScopes = vendor.isMissingScopes?.(response, body) === true;
  const requiredScopes = missingScopes ? responseMeta(response)?.operation?.scopes : undefined;
  const ErrorClass = missingScopes ? MissingScopesError : apiErrorClassFor(response.status);
  return new ErrorClass({
    status: response.status,
    method: method.toUpperCase(),
    // Stryker disable next-line StringLiteral: any text that is not a URL is shown alike (as unparsable)
    url: response.url || responseMeta(response)?.url || "",
    ...(parsed?.code !== undefined ? { code: parsed.code } : {}),
    ...(parsed?.message !== undefined ? { apiMessage: parsed.message } : {}),
    ...(requestId ? { requestId } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    body,
    ...(vendor.redactQueryParams ? { redactQueryParams: vendor.redactQueryParams } : {}),
    ...(requiredScopes ? { requiredScopes } : {}),
  });
}
