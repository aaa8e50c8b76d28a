import { apiErrorFrom } from "./errors/api-error.js";
import { parseBody } from "./pipeline/response-body.js";
import { responseMeta } from "./pipeline/response-metadata.js";
import type { VendorProfile } from "./vendor.js";

const UNKNOWN_VENDOR: VendorProfile = { userAgent: "unknown" };

/**
 * The throwing style on top of openapi-fetch's `{ data, error, response }`: resolves to
 * `data`, or throws the typed `ApiError` for a non-2xx answer. The vendor and method come
 * from the client that made the request; pass `vendor` for responses from elsewhere.
 */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
  vendor?: VendorProfile,
): Promise<T> {
  const { data, error, response } = await result;
  // openapi-fetch sets `error` only for a non-2xx answer (and leaves it unset for an empty one).
  if (!response.ok) {
    const meta = responseMeta(response);
    throw apiErrorFrom(
      response,
      error,
      meta?.vendor ?? vendor ?? UNKNOWN_VENDOR,
      meta?.method ?? "HTTP",
    );
  }
  return data as T;
}

/**
 * For `createFetch` callers: resolves to `response` when it is 2xx, otherwise reads its body
 * and throws the typed `ApiError`.
 */
export async function assertOk(response: Response, vendor?: VendorProfile): Promise<Response> {
  if (response.ok) return response;
  // Not JSON (an HTML page from a proxy, say): the text itself is the body.
  const body = parseBody(await response.text());
  const meta = responseMeta(response);
  throw apiErrorFrom(
    response,
    body,
    meta?.vendor ?? vendor ?? UNKNOWN_VENDOR,
    meta?.method ?? "HTTP",
  );
}
