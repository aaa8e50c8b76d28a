import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "../http/listen.js";
import type { RequestValidator } from "./request-validator.js";

/**
 * Puts the spec in front of a fake's handler: a request the spec forbids gets Prism's answer
 * (422 problem+json with the violations in `sl-violations`), so `strictFetch` fails the
 * caller's test with the validator's message in both modes. `basePath` (e.g. `/v2`) is the
 * server URL's path; requests outside it, and paths the spec does not have (a fake may model
 * more of the API than the spec holds yet), pass through to the fake.
 */
export function specGate(
  validate: RequestValidator,
  basePath: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://gate.invalid");
    if (!url.pathname.startsWith(`${basePath}/`)) return handler(req, res);
    const path = url.pathname.slice(basePath.length);
    const isJson = (req.headers["content-type"] ?? "").includes("json");
    const bodyRead = isJson ? readBody(req) : Promise.resolve(undefined);
    bodyRead
      .then((raw) => {
        let body: unknown;
        if (raw && raw.length > 0) {
          try {
            body = JSON.parse(raw.toString("utf8"));
          } catch {
            body = raw.toString("utf8");
          }
        }
        const { template, violations } = validate(
          req.method ?? "GET",
          path,
          url.searchParams,
          req.headers,
          body,
        );
        if (violations.length === 0 || template === undefined) {
          if (raw) (req as PrereadRequest).preread = raw;
          return handler(req, res);
        }
        const status = violations.some((v) => v.code === "NO_METHOD_MATCHED_ERROR") ? 405 : 422;
        const problem = JSON.stringify({
          type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
          title: "Invalid request",
          status,
          detail: "The request is not allowed by the spec.",
          validation: violations,
        });
        res.writeHead(status, {
          "content-type": "application/problem+json",
          "content-length": Buffer.byteLength(problem),
          "sl-violations": JSON.stringify(violations),
        });
        res.end(problem);
      })
      .catch(() => res.destroy());
  };
}

/** A request whose body the gate already read (see `readBody`). */
export interface PrereadRequest extends IncomingMessage {
  preread?: Buffer;
}
