import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ClipKitValidationError,
  createApiClient,
  NotFoundError,
  TimeoutError,
  unwrap,
} from "@clipkit/core";
import { afterEach, describe, expect, it } from "vitest";
import { serverToServerOAuth, ZOOM_TOKEN_URL, zoomVendor } from "../src/index.js";

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Array<{ close(): void; closeAllConnections(): void }> = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

/** A loopback server; `answer` returns [status, JSON body] for the n-th request. */
async function serve(answer: (req: Received, n: number) => [number, unknown]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const entry = { url: req.url ?? "", headers: req.headers, body };
      received.push(entry);
      const [status, json] = answer(entry, received.length - 1);
      res.writeHead(status, {
        "content-type": "application/json",
        "x-zm-trackingid": `trk-${received.length}`,
      });
      res.end(JSON.stringify(json));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const tokenServer = () =>
  serve((_req, n) => [
    200,
    { access_token: `zoom-tok-${n + 1}`, token_type: "bearer", expires_in: 3599, scope: "x" },
  ]);

const credentials = { accountId: "acct-1", clientId: "zoom-client", clientSecret: "zoom-secret-9" };

describe("serverToServerOAuth", () => {
  it("asks for an account_credentials token with Basic client credentials", async () => {
    const tokens = await tokenServer();
    const auth = serverToServerOAuth({ ...credentials, tokenUrl: `${tokens.url}/oauth/token` });
    expect(await auth.getToken()).toBe("zoom-tok-1");
    const sent = tokens.received[0];
    expect(sent?.url).toBe("/oauth/token");
    expect(Object.fromEntries(new URLSearchParams(sent?.body))).toEqual({
      grant_type: "account_credentials",
      account_id: "acct-1",
    });
    expect(sent?.headers.authorization).toBe(
      `Basic ${Buffer.from("zoom-client:zoom-secret-9").toString("base64")}`,
    );
    // The secret goes only in the Basic header, never in the form.
    expect(sent?.body).not.toContain("zoom-secret-9");
  });

  it("takes a timeout for the token request", async () => {
    const stalled = createServer(() => {
      // never answers
    });
    servers.push(stalled);
    await new Promise<void>((resolve) => stalled.listen(0, "127.0.0.1", resolve));
    const auth = serverToServerOAuth({
      ...credentials,
      tokenUrl: `http://127.0.0.1:${(stalled.address() as AddressInfo).port}/oauth/token`,
      timeoutMs: 100,
      maxRetries: 0,
    });
    const started = Date.now();
    await expect(auth.getToken()).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("takes a clock: a token is replaced once the clock passes its expiry", async () => {
    const tokens = await tokenServer();
    let now = 1_000_000;
    const auth = serverToServerOAuth({ ...credentials, tokenUrl: tokens.url, now: () => now });
    expect(await auth.getToken()).toBe("zoom-tok-1");
    now += 3_000_000;
    expect(await auth.getToken()).toBe("zoom-tok-1");
    now += 600_000;
    expect(await auth.getToken()).toBe("zoom-tok-2");
  });

  it("refuses an empty account ID before any request", () => {
    expect(() => serverToServerOAuth({ ...credentials, accountId: " " })).toThrow(
      ClipKitValidationError,
    );
  });

  it("defaults to Zoom's token URL", async () => {
    let asked = "";
    const auth = serverToServerOAuth({
      ...credentials,
      fetch: async (input) => {
        asked = input instanceof Request ? input.url : String(input);
        return Response.json({ access_token: "t", expires_in: 3599 });
      },
    });
    await auth.getToken();
    expect(asked).toBe(ZOOM_TOKEN_URL);
    expect(ZOOM_TOKEN_URL).toBe("https://zoom.us/oauth/token");
  });

  it("on 401 with code 124 fetches a new token and retries once", async () => {
    const tokens = await tokenServer();
    const api = await serve((req) =>
      req.headers.authorization === "Bearer zoom-tok-2"
        ? [200, { id: "m1" }]
        : [401, { code: 124, message: "Invalid access token." }],
    );
    const client = createApiClient<Record<string, never>>({
      baseUrl: api.url,
      vendor: zoomVendor("@clipkit/test", "1.2.3"),
      auth: serverToServerOAuth({ ...credentials, tokenUrl: tokens.url }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: an untyped path is enough here.
    const data = await unwrap((client as any).GET("/meetings/m1"));
    expect(data).toEqual({ id: "m1" });
    expect(api.received.map((r) => r.headers.authorization)).toEqual([
      "Bearer zoom-tok-1",
      "Bearer zoom-tok-2",
    ]);
    expect(api.received[0]?.headers["user-agent"]).toMatch(
      /^@clipkit\/test\/1\.2\.3 clipkit-core\//,
    );
    expect(tokens.received).toHaveLength(2);
  });

  it("a second 124 reaches the caller as a typed error with Zoom's code and message", async () => {
    const tokens = await tokenServer();
    const api = await serve(() => [401, { code: 124, message: "Invalid access token." }]);
    const client = createApiClient<Record<string, never>>({
      baseUrl: api.url,
      vendor: zoomVendor("@clipkit/test", "1.2.3"),
      auth: serverToServerOAuth({ ...credentials, tokenUrl: tokens.url }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: an untyped path is enough here.
    const error = await unwrap((client as any).GET("/x")).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "AuthenticationError",
      status: 401,
      code: 124,
      apiMessage: "Invalid access token.",
      requestId: "trk-2",
    });
    expect(api.received).toHaveLength(2);
    expect(JSON.stringify(error)).not.toContain("zoom-tok");
  });

  it("a 401 with another code is not a stale token: no refresh", async () => {
    const tokens = await tokenServer();
    const api = await serve(() => [401, { code: 4711, message: "No permission." }]);
    const client = createApiClient<Record<string, never>>({
      baseUrl: api.url,
      vendor: zoomVendor("@clipkit/test", "1.2.3"),
      auth: serverToServerOAuth({ ...credentials, tokenUrl: tokens.url }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: an untyped path is enough here.
    const { response } = await (client as any).GET("/x");
    expect(response.status).toBe(401);
    expect(api.received).toHaveLength(1);
    expect(tokens.received).toHaveLength(1);
  });

  it("a 404 keeps Zoom's code and message", async () => {
    const api = await serve(() => [404, { code: 1001, message: "User does not exist: x." }]);
    const client = createApiClient<Record<string, never>>({
      baseUrl: api.url,
      vendor: zoomVendor("@clipkit/test", "1.2.3"),
      auth: { authorize: async (r) => r },
    });
    // biome-ignore lint/suspicious/noExplicitAny: an untyped path is enough here.
    const error = await unwrap((client as any).GET("/users/x")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: 1001,
      apiMessage: "User does not exist: x.",
      requestId: "trk-1",
    });
  });
});
