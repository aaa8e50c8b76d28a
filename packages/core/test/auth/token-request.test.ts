import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, clientCredentials } from "../../src/index.js";
import { json, type Received, startServer, type TestServer } from "../helpers/server.js";

// How the token request itself is made: the client's own lifecycle options reach it, its
// headers, and the tokens it refuses to serve.

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function endpoint(answer: (req: Received, index: number) => [number, unknown]) {
  const server = await startServer((req, res, index) => {
    const [code, body] = answer(req, index);
    json(res, code, body);
  });
  servers.push(server);
  return server;
}

type Extra = Omit<
  Parameters<typeof clientCredentials>[0],
  "tokenUrl" | "clientId" | "clientSecret"
>;
const authAt = (server: TestServer, extra: Extra = {}) =>
  clientCredentials({
    tokenUrl: `${server.url}/oauth/token`,
    clientId: "id",
    clientSecret: "secret",
    ...extra,
  });

const flaky = (failures: number) =>
  endpoint((_req, index) =>
    index < failures ? [503, { error: "busy" }] : [200, { access_token: "tok", expires_in: 3600 }],
  );

describe("the token request", () => {
  it("goes through the caller's fetch, backoff, jitter, sleep and logger", async () => {
    const server = await flaky(2);
    const delays: number[] = [];
    const lines: string[] = [];
    let fetched = 0;
    const auth = authAt(server, {
      fetch: (input, init) => {
        fetched++;
        return fetch(input, init);
      },
      backoff: { baseDelayMs: 1000 },
      random: () => 0.25,
      sleep: async (ms) => {
        delays.push(ms);
      },
      logger: { debug: (msg) => lines.push(msg) },
    });
    await expect(auth.getToken()).resolves.toBe("tok");
    expect(fetched).toBe(3);
    expect(delays).toEqual([250, 500]);
    expect(lines).toContain(`POST ${server.url}/oauth/token -> 503`);
    expect(lines).toContain(`POST ${server.url}/oauth/token retrying in 250 ms`);
  });

  it("makes maxRetries + 1 attempts at most", async () => {
    const server = await flaky(5);
    const auth = authAt(server, { maxRetries: 1, sleep: async () => {} });
    const error = await auth.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(503);
    expect(server.received).toHaveLength(2);
  });

  it("asks for JSON, sends a form and names itself", async () => {
    const server = await flaky(0);
    const auth = authAt(server, { params: { account_id: "acc" } });
    await auth.getToken();
    const { headers, body, method } = server.received[0] as Received;
    expect(method).toBe("POST");
    expect(headers.accept).toBe("application/json");
    expect(headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(headers["user-agent"]).toMatch(/^clipkit-oauth clipkit-core\//);
    expect(body).toBe("grant_type=client_credentials&account_id=acc");
  });

  it.each([
    ["a space", "to ken"],
    ["a newline", "tok\nen"],
    ["non-ASCII", "tøken"],
  ])("refuses an access_token holding %s, without echoing it", async (_what, token) => {
    const server = await endpoint(() => [200, { access_token: token }]);
    const auth = authAt(server);
    const error = await auth.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(200);
    expect((error as AuthenticationError).apiMessage).toBe(
      "the token endpoint returned an access_token that cannot be sent in a header",
    );
    expect((error as Error).message).not.toContain(token);
  });
});

/** A token endpoint that hands out t1, t2, … */
const issuing = () => {
  let issued = 0;
  return endpoint(() => [200, { access_token: `t${++issued}`, expires_in: 3600 }]);
};

describe("authorize", () => {
  it("a forced refresh without the refused header asks for a new token", async () => {
    const server = await issuing();
    const auth = authAt(server);
    const header = async (forceRefresh: boolean) =>
      (await auth.authorize(new Request("https://api.test/"), { forceRefresh })).headers.get(
        "authorization",
      );
    expect(await header(false)).toBe("Bearer t1");
    expect(await header(false)).toBe("Bearer t1");
    expect(await header(true)).toBe("Bearer t2");
    expect(server.received).toHaveLength(2);
  });

  it("a refusal of a token already replaced takes the new one without asking again", async () => {
    const server = await issuing();
    const auth = authAt(server);
    const header = async (forceRefresh: boolean, rejectedAuthorization?: string) =>
      (
        await auth.authorize(new Request("https://api.test/"), {
          forceRefresh,
          ...(rejectedAuthorization ? { rejectedAuthorization } : {}),
        })
      ).headers.get("authorization");
    expect(await header(false)).toBe("Bearer t1");
    expect(await header(true, "Bearer t1")).toBe("Bearer t2");
    expect(await header(true, "Bearer t1")).toBe("Bearer t2");
    expect(server.received).toHaveLength(2);
    expect(await header(true, "Bearer t2")).toBe("Bearer t3");
  });
});
