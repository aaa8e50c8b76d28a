// node:http and Express: turns the web-standard handler into a (req, res) listener. The raw
// body is read from the request stream (or taken from express.raw()'s Buffer), never from a
// parsed req.body: the signature covers the bytes Zoom sent.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { HandlerContext, ZoomWebhookHandler } from "../handler.js";

/** An Express-style request: `body` is set when a body parser ran before this listener. */
type NodeRequest = IncomingMessage & { body?: unknown };

const PARSED_BODY =
  "zoom-webhooks: req.body was already parsed, so the bytes Zoom signed are gone. Mount this " +
  "route before express.json(), or give it express.raw({ type: 'application/json' }).";

function toRequest(req: NodeRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  if (req.body instanceof Uint8Array) {
    return new Request(url, { method, headers, body: req.body as Uint8Array<ArrayBuffer> });
  }
  return new Request(url, {
    method,
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit);
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * `(req, res) => Promise<void>` for `http.createServer` or an Express route. Listeners keep
 * running after the answer (a Node process stays up), so no waitUntil is needed here.
 */
export function toNodeListener(
  handler: ZoomWebhookHandler,
  context?: HandlerContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req: NodeRequest, res) => {
    if (req.body !== undefined && !(req.body instanceof Uint8Array)) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain");
      res.end(PARSED_BODY);
      return;
    }
    await send(await handler(toRequest(req), context), res);
  };
}
