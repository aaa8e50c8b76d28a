import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ClipKitValidationError,
  ConnectionError,
  clientCredentials,
  createFetch,
  TimeoutError,
} from "../../src/index.js";
import { json, ok, startServer, status, type TestServer } from "../helpers/server.js";
import { testVendor } from "../helpers/vendor.js";

const SECRET = "s3cr3t-client-secret";
const BASIC = `Basic ${Buffer.from(`my-id:${SECRET}`).toString("base64")}`;

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A token server that hands out tok-1, tok-2, ... valid for `expiresIn` seconds. */
async function tokenServer(expiresIn = 3600, delayMs = 0) {
  const server = await startServer((_req, res, index) => {
    setTimeout(
      () =>
        json(res, 200, {
          access_token: `tok-${index + 1}`,
          token_type: "bearer",
          expires_in: expiresIn,
        }),
      delayMs,
    );
  });
  servers.push(server);
  return server;
}

describe("clientCredentials", () => {
  it("sends the grant as a form with Basic credentials by default", async () => {
    const tokens = await tokenServer();
    const auth = clientCredentials({
      tokenUrl: `${tokens.url}/oauth/token`,
      clientId: "my-id",
      clientSecret: SECRET,
      params: { scope: "a b" },
    });
    expect(await auth.getToken()).toBe("tok-1");
    const sent = tokens.received[0];
    expect(sent?.method).toBe("POST");
    expect(sent?.headers.authorization).toBe(BASIC);
    expect(sent?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(sent?.body))).toEqual({
      grant_type: "client_credentials",
      scope: "a b",
    });
  });

  it("puts the credentials in the form with credentialsIn: body", async () => {
    const tokens = await tokenServer();
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "my-id",
      clientSecret: SECRET,
      credentialsIn: "body",
    });
    await auth.getToken();
    const sent = tokens.received[0];
    expect(sent?.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(sent?.body).get("client_secret")).toBe(SECRET);
    expect(new URLSearchParams(sent?.body).get("client_id")).toBe("my-id");
  });

  it("100 concurrent callers share one token request", async () => {
    const tokens = await tokenServer(3600, 50);
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "my-id",
      clientSecret: SECRET,
    });
    const got = await Promise.all(Array.from({ length: 100 }, () => auth.getToken()));
    expect(new Set(got)).toEqual(new Set(["tok-1"]));
    expect(tokens.received).toHaveLength(1);
  });

  it.each([
    { given: "well before expiry", elapsedMs: 3_000_000, want: "tok-1", requests: 1 },
    { given: "inside the refresh margin", elapsedMs: 3_540_001, want: "tok-2", requests: 2 },
    { given: "after expiry", elapsedMs: 4_000_000, want: "tok-2", requests: 2 },
  ])("$given: $want", async ({ elapsedMs, want, requests }) => {
    const tokens = await tokenServer(3600);
    let clock = 1_000_000;
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "my-id",
      clientSecret: SECRET,
      now: () => clock,
    });
    expect(await auth.getToken()).toBe("tok-1");
    clock += elapsedMs;
    expect(await auth.getToken()).toBe(want);
    expect(tokens.received).toHaveLength(requests);
  });

  it("grantedScopes: the token response's space-separated scope, or undefined without one", async () => {
    const scoped = await startServer((_req, res) =>
      json(res, 200, { access_token: "tok", expires_in: 3600, scope: "a:read  b:read:admin" }),
    );
    servers.push(scoped);
    const options = { clientId: "my-id", clientSecret: SECRET };
    const auth = clientCredentials({ ...options, tokenUrl: `${scoped.url}/oauth/token` });
    expect(await auth.grantedScopes()).toEqual(["a:read", "b:read:admin"]);
    expect(await auth.getToken()).toBe("tok");
    expect(scoped.received).toHaveLength(1);
    const tokens = await tokenServer();
    const unscoped = clientCredentials({ ...options, tokenUrl: `${tokens.url}/oauth/token` });
    expect(await unscoped.grantedScopes()).toBeUndefined();
  });

  it("getToken(true) replaces a still-valid token", async () => {
    const tokens = await tokenServer();
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "my-id",
      clientSecret: SECRET,
    });
    await auth.getToken();
    expect(await auth.getToken(true)).toBe("tok-2");
  });

  it("a token endpoint error is an AuthenticationError with the OAuth code and no secret", async () => {
    // A careless server that echoes the credentials it got.
    const tokens = await startServer((req, res) =>
      json(res, 400, {
        error: "invalid_client",
        error_description: `bad ${req.headers.authorization} ${SECRET}`,
      }),
    );
    servers.push(tokens);
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "my-id",
      clientSecret: SECRET,
    });
    const error = (await auth.getToken().catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_client");
    for (const text of [
      error.message,
      String(error),
      JSON.stringify(error),
      JSON.stringify(error.body),
    ]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(BASIC.slice(6));
    }
  });

  it("a 200 without access_token is an AuthenticationError too", async () => {
    const tokens = await startServer((_req, res) => json(res, 200, { token_type: "bearer" }));
    servers.push(tokens);
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "my-id",
      clientSecret: SECRET,
    });
    await expect(auth.getToken()).rejects.toThrow(/no access_token/);
  });

  it("an unreachable token endpoint is a ConnectionError, and the next call tries again", async () => {
    const tokens = await tokenServer();
    const url = tokens.url;
    await tokens.close();
    servers.splice(0);
    const auth = clientCredentials({ tokenUrl: url, clientId: "my-id", clientSecret: SECRET });
    await expect(auth.getToken()).rejects.toBeInstanceOf(ConnectionError);
    await expect(auth.getToken()).rejects.toBeInstanceOf(ConnectionError);
  });

  it("a token endpoint that never answers is a TimeoutError after timeoutMs", async () => {
    const stuck = await startServer(() => {});
    servers.push(stuck);
    const auth = clientCredentials({
      tokenUrl: stuck.url,
      clientId: "my-id",
      clientSecret: SECRET,
      timeoutMs: 50,
    });
    const started = Date.now();
    await expect(auth.getToken()).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each([
    { field: "tokenUrl", options: { tokenUrl: "", clientId: "a", clientSecret: "b" } },
    { field: "clientId", options: { tokenUrl: "http://x", clientId: " ", clientSecret: "b" } },
    { field: "clientSecret", options: { tokenUrl: "http://x", clientId: "a", clientSecret: "" } },
  ])("rejects an empty $field", ({ field, options }) => {
    expect(() => clientCredentials(options)).toThrow(ClipKitValidationError);
    expect(() => clientCredentials(options)).toThrow(new RegExp(field));
  });
});

describe("refresh on an auth failure", () => {
  async function setup(apiSteps: Parameters<typeof startServer>[0]) {
    const tokens = await tokenServer();
    const api = await startServer(apiSteps);
    servers.push(api);
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "my-id",
      clientSecret: SECRET,
    });
    const fetch = createFetch({
      baseUrl: api.url,
      vendor: testVendor,
      auth,
      sleep: async () => {},
    });
    return { tokens, api, fetch };
  }

  it("a 401 fetches a new token and retries once, even a POST", async () => {
    const { tokens, api, fetch } = await setup((req, res) =>
      req.headers.authorization === "Bearer tok-2" ? ok()(res) : status(401)(res),
    );
    const response = await fetch(`${api.url}/x`, { method: "POST", body: "{}" });
    expect(response.status).toBe(200);
    expect(api.received.map((r) => r.headers.authorization)).toEqual([
      "Bearer tok-1",
      "Bearer tok-2",
    ]);
    expect(api.received[1]?.body).toBe("{}");
    expect(tokens.received).toHaveLength(2);
  });

  it("401s arriving before and after a refresh share one new token", async () => {
    // Every request with tok-1 is refused, each later than the one before, so some refusals
    // arrive while the refresh is in flight and some after it has finished.
    const { tokens, api, fetch } = await setup((req, res, index) => {
      if (req.headers.authorization === "Bearer tok-2") return ok()(res);
      setTimeout(() => status(401)(res), index * 15);
    });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fetch(`${api.url}/x/${i}`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(tokens.received).toHaveLength(2);
  });

  it("a second 401 is surfaced, not refreshed again", async () => {
    const { tokens, api, fetch } = await setup((_req, res) => status(401)(res));
    const response = await fetch(`${api.url}/x`);
    expect(response.status).toBe(401);
    expect(api.received).toHaveLength(2);
    expect(tokens.received).toHaveLength(2);
  });

  it("the vendor decides what counts as an auth failure", async () => {
    const tokens = await tokenServer();
    const api = await startServer((_req, res) => status(401, { code: 999 })(res));
    servers.push(api);
    const auth = clientCredentials({
      tokenUrl: tokens.url,
      clientId: "my-id",
      clientSecret: SECRET,
    });
    const vendor = {
      ...testVendor,
      isAuthFailure: (r: Response, body: unknown) =>
        r.status === 401 && (body as { code?: number }).code === 124,
    };
    const response = await createFetch({ baseUrl: api.url, vendor, auth })(api.url);
    expect(response.status).toBe(401);
    expect(api.received).toHaveLength(1);
    expect(tokens.received).toHaveLength(1);
  });
});
