import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the server does with request number `index` (0-based). */
export type Handler = (req: Received, res: ServerResponse, index: number) => void;

export interface TestServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A `node:http` server on a free loopback port that records every request it gets. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      handler(entry, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** A handler that answers each request from a list, the last one repeating. */
export function sequence(...steps: Array<(res: ServerResponse, req: Received) => void>): Handler {
  return (req, res, index) => {
    const step = steps[Math.min(index, steps.length - 1)];
    step?.(res, req);
  };
}

export const ok =
  (body: unknown = { ok: true }) =>
  (res: ServerResponse) =>
    json(res, 200, body);
export const status =
  (code: number, body: unknown = { code, message: `status ${code}` }, headers = {}) =>
  (res: ServerResponse) =>
    json(res, code, body, headers);
/** Closes the connection without answering: a connection error for the client. */
export const dropConnection = () => (res: ServerResponse) => res.socket?.destroy();
