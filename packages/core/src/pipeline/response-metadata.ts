import type { OperationInfo } from "../operation-info.js";
import type { VendorProfile } from "../vendor.js";

/** What the pipeline knew about the request behind a response; `unwrap` needs it. */
export interface ResponseMeta {
  vendor: VendorProfile;
  method: string;
  /** Already redacted. */
  url: string;
  /** The operation's row of its client's generated table, when the client has one. */
  operation: OperationInfo | undefined;
}

// Keyed by Response so openapi-fetch's `{ data, error, response }` stays untouched and the
// entry goes away with the response.
const metas = new WeakMap<Response, ResponseMeta>();

export function rememberResponse(response: Response, meta: ResponseMeta): void {
  metas.set(response, meta);
}

export function responseMeta(response: Response): ResponseMeta | undefined {
  return metas.get(response);
}
