import { afterEach, describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.js";
import { type LoopbackServer, listenOnLoopback } from "../../src/http/listen.js";
import { zoomAppCredentials, zoomTokenEndpoint } from "../../src/zoom/oauth.js";
import { bearerToken, createTokenStore } from "../../src/zoom/tokens.js";

describe("createTokenStore", () => {
  it("issues prefixed random tokens that are valid until their ttl on the fake clock", () => {
    let now = 10_000;
    const store = createTokenStore(createClock(() => now));
    const a = store.issue(60);
    const b = store.issue(120, "fake_dat_");
    expect(a).toMatch(/^fake_at_[A-Za-z0-9_-]{32}$/);
    expect(b).toMatch(/^fake_dat_[A-Za-z0-9_-]{32}$/);
    expect(store.issuedCount()).toBe(2);
    expect(store.all()).toEqual([a, b]);
    expect(store.check(a)).toBe("valid");
    now += 59_999;
    expect(store.check(a)).toBe("valid");
    now += 1;
    expect(store.check(a)).toBe("expired");
    expect(store.check(b)).toBe("valid");
    expect(store.check("nope")).toBe("unknown");
    expect(store.check(undefined)).toBe("unknown");
  });

  it("expireAll expires every token issued so far, not later ones", () => {
    const store = createTokenStore(createClock(() => 0));
    const old = store.issue(3600);
    store.expireAll();
    const fresh = store.issue(3600);
    expect(store.check(old)).toBe("expired");
    expect(store.check(fresh)).toBe("valid");
  });

  it("bearerToken reads `Bearer <token>` in any case and nothing else", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer   abc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken("xBearer abc")).toBeUndefined();
    expect(bearerToken("Bearer ")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe("zoomAppCredentials", () => {
  it("fills in the fixed fake values", () => {
    expect(zoomAppCredentials()).toEqual({
      accountId: "fake-account-id",
      clientId: "fake-client-id",
      clientSecret: "fake-client-secret",
    });
    expect(zoomAppCredentials({ clientId: "mine" })).toMatchObject({
      clientId: "mine",
      clientSecret: "fake-client-secret",
    });
  });
});

describe("zoomTokenEndpoint", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());
  const credentials = zoomAppCredentials({ accountId: "acc", clientId: "id", clientSecret: "s3" });

  async function start() {
    const tokens = createTokenStore(createClock(() => 0));
    const handle = zoomTokenEndpoint({
      credentials,
      tokens,
      ttlSeconds: 42,
      scope: "test:scope",
      apiUrl: () => "http://api.example",
    });
    server = await listenOnLoopback((req, res) => {
      void handle(req, res, new URL(req.url ?? "/", "http://x"));
    });
    return { url: `${server.origin}/oauth/token`, tokens };
  }
  const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;
  const form = "application/x-www-form-urlencoded";

  it("issues a bearer token for the account_credentials grant, in a form body or the query", async () => {
    const { url, tokens } = await start();
    const viaForm = await fetch(url, {
      method: "POST",
      headers: { authorization: basic("id:s3"), "content-type": form },
      body: "grant_type=account_credentials&account_id=acc",
    });
    expect(viaForm.status).toBe(200);
    expect(viaForm.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    const body = (await viaForm.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^fake_at_/),
      token_type: "bearer",
      expires_in: 42,
      scope: "test:scope",
      api_url: "http://api.example",
    });
    expect(tokens.check(String(body.access_token))).toBe("valid");
    const viaQuery = await fetch(`${url}?grant_type=account_credentials&account_id=acc`, {
      method: "POST",
      headers: { authorization: `basic  ${Buffer.from("id:s3").toString("base64")}` },
    });
    expect(viaQuery.status).toBe(200);
    expect(tokens.issuedCount()).toBe(2);
  });

  it("reads form parameters only from a form body", async () => {
    const { url } = await start();
    const json = await fetch(url, {
      method: "POST",
      headers: { authorization: basic("id:s3"), "content-type": "application/json" },
      body: "grant_type=account_credentials&account_id=acc",
    });
    expect(json.status).toBe(400);
    // A form body overrides the query.
    const both = await fetch(`${url}?grant_type=account_credentials&account_id=other`, {
      method: "POST",
      headers: { authorization: basic("id:s3"), "content-type": form },
      body: "account_id=acc",
    });
    expect(both.status).toBe(200);
  });

  it.each([
    { name: "no Authorization", auth: undefined },
    { name: "a wrong secret", auth: basic("id:wrong") },
    { name: "a wrong client id", auth: basic("other:s3") },
    { name: "the bare base64 without Basic", auth: Buffer.from("id:s3").toString("base64") },
    { name: "a Bearer token", auth: "Bearer id:s3" },
  ])("answers 401 invalid_client for $name", async ({ auth }) => {
    const { url, tokens } = await start();
    const response = await fetch(url, {
      method: "POST",
      headers: { ...(auth ? { authorization: auth } : {}), "content-type": form },
      body: "grant_type=account_credentials&account_id=acc",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      reason: "Invalid client_id or client_secret",
      error: "invalid_client",
    });
    expect(tokens.issuedCount()).toBe(0);
  });

  it("answers 400 for another grant or account, and 405 for GET", async () => {
    const { url } = await start();
    const post = (body: string) =>
      fetch(url, {
        method: "POST",
        headers: { authorization: basic("id:s3"), "content-type": form },
        body,
      });
    const grant = await post("grant_type=client_credentials&account_id=acc");
    expect([grant.status, await grant.json()]).toEqual([
      400,
      { reason: "Unsupported grant type", error: "unsupported_grant_type" },
    ]);
    const account = await post("grant_type=account_credentials&account_id=nope");
    expect([account.status, await account.json()]).toEqual([
      400,
      { reason: "Invalid account_id", error: "invalid_request" },
    ]);
    const get = await fetch(url, { headers: { authorization: basic("id:s3") } });
    expect([get.status, await get.json()]).toEqual([
      405,
      { reason: "Method not allowed", error: "invalid_request" },
    ]);
  });
});
