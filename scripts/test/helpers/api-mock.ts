// A local stand-in for the three APIs, for tests that call the packages as a user would (the
// consumer install, the browser bundles): Zoom's token, clips, recordings and download
// endpoints, and Uplynk's draft endpoint, which checks the msg/sig signature for real.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { inflateSync } from "node:zlib";

/** What the mock signs Uplynk requests with: owner-1 / key-1. */
export const UPLYNK_OWNER = "owner-1";
export const UPLYNK_API_KEY = "key-1";

export interface ApiMock {
  url: string;
  /** every request received, in order */
  seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
  /** extra routes (e.g. a page and its script), tried before the API's */
  pages: Map<string, { type: string; body: string }>;
  close(): Promise<void>;
}

export function startApiMock(): Promise<ApiMock> {
  const seen: ApiMock["seen"] = [];
  const pages: ApiMock["pages"] = new Map();
  const server = createServer((request, response) => {
    seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
    const url = new URL(request.url ?? "/", "http://mock");
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const page = pages.get(url.pathname);
    if (page) {
      response.writeHead(200, { "content-type": page.type });
      return response.end(page.body);
    }
    if (url.pathname === "/oauth/token" && request.method === "POST") {
      return json(200, { access_token: "s2s-token", token_type: "bearer", expires_in: 3600 });
    }
    if (url.pathname === "/clips/gone") return json(404, { code: 3301, message: "Clip not found" });
    if (url.pathname.startsWith("/clips/")) {
      return json(200, { clip_id: url.pathname.slice(7), title: "Demo clip" });
    }
    if (url.pathname === "/users/me/recordings") {
      const [from, to] = [url.searchParams.get("from"), url.searchParams.get("to")];
      return json(200, { from, to, meetings: [{ topic: `${from}..${to}` }], next_page_token: "" });
    }
    if (url.pathname === "/rec/download/r1") {
      response.writeHead(200, { "content-type": "video/mp4", "content-length": "15" });
      return response.end("recording-bytes");
    }
    if (url.pathname === "/clipping_draft" && request.method === "POST") {
      const msg = url.searchParams.get("msg") ?? "";
      const sig = createHmac("sha256", UPLYNK_API_KEY).update(msg).digest("hex");
      let owner: unknown;
      try {
        owner = JSON.parse(inflateSync(Buffer.from(msg, "base64")).toString("utf8"))._owner;
      } catch {
        owner = undefined; // not zlib, or not JSON: the signature is wrong either way
      }
      if (url.searchParams.get("sig") !== sig || owner !== UPLYNK_OWNER) {
        return json(401, { error: "bad_signature", message: "signature mismatch" });
      }
      return json(201, { "@id": "/api/v4/clipping_draft/d1", "@type": "ClippingDraft", id: "d1" });
    }
    json(404, { message: `no mock for ${request.method} ${url.pathname}` });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        pages,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}
