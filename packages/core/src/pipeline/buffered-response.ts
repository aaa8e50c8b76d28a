// A response whose body the lifecycle read whole (a JSON document, an error page): openapi-fetch
// and callers read it again from the bytes held here.

import { bodySnippet } from "../errors/api-error.js";
import { ResponseParseError } from "../errors/request-errors.js";
import { isJsonType } from "./response-body.js";

const bufferedBytes = new WeakMap<Response, Uint8Array>();

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
export function buffered(response: Response, bytes: Uint8Array, describe: () => string): Response {
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
