import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface LoopbackServer {
  server: Server;
  /** `http://<hostname>:<port>` */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts a `node:http` server on a free port of 127.0.0.1. `hostname` is only what goes in
 * `origin` (e.g. `localhost`, so a second server is a different host to a credential policy).
 * `close` ends open keep-alive sockets too, so a test run never waits for them.
 */
export async function listenOnLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  hostname = "127.0.0.1",
): Promise<LoopbackServer> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://${hostname}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads a request body (small JSON or form bodies of the fakes). */
export async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<Buffer> {
  // The spec gate may have read it already to validate it.
  const preread = (req as IncomingMessage & { preread?: Buffer }).preread;
  if (preread) return preread;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
