import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, clientCredentials } from "../../src/index.js";
import { json, type Received, startServer, type TestServer } from "../helpers/server.js";

const SECRET = "s3cr3t-client-secret";
const BARE = Buffer.from(`my-id:${SECRET}`).toString("base64");

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function tokenEndpoint(answer: (req: Received, index: number) => [number, unknown]) {
  const server = await startServer((req, res, index) => {
    const [code, body] = answer(req, index);
    json(res, code, body);
  });
  servers.push(server);
  return clientCredentials({
    tokenUrl: `${server.url}/oauth/token`,
    clientId: "my-id",
    clientSecret: SECRET,
    maxRetries: 0,
  });
}

const leaks = (error: unknown) => {
  const shown = [
    (error as Error).message,
    JSON.stringify(error),
    JSON.stringify((error as AuthenticationError).body),
  ].join("\n");
  return [SECRET, BARE].filter((s) => shown.includes(s));
};

describe("a token endpoint's answer", () => {
  it("echoing the bare base64 id:secret does not leak it into the error", async () => {
    const auth = await tokenEndpoint(() => [
      400,
      { error: "invalid_client", error_description: `unknown credentials ${BARE}`, got: BARE },
    ]);
    const error = await auth.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe("invalid_client");
    expect((error as AuthenticationError).body).toEqual({
      error: "invalid_client",
      error_description: "unknown credentials REDACTED",
      got: "REDACTED",
    });
    expect(leaks(error)).toEqual([]);
  });

  it("echoing the Basic header or the secret alone does not leak either", async () => {
    const auth = await tokenEndpoint((req) => [
      401,
      { error: "invalid_client", error_description: `${req.headers.authorization} / ${SECRET}` },
    ]);
    const error = await auth.getToken().catch((e: unknown) => e);
    expect((error as AuthenticationError).apiMessage).toBe("REDACTED / REDACTED");
    expect(leaks(error)).toEqual([]);
  });

  it("with an empty access_token is refused", async () => {
    const auth = await tokenEndpoint(() => [200, { access_token: "", expires_in: 3600 }]);
    const error = await auth.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).apiMessage).toBe(
      "the token response has no access_token",
    );
  });

  it("with a non-string access_token is refused", async () => {
    const auth = await tokenEndpoint(() => [200, { access_token: 42 }]);
    await expect(auth.getToken()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("a forced refresh", () => {
  it("that fails stops serving the rejected token: the next call asks again", async () => {
    const auth = await tokenEndpoint((_req, index) =>
      index === 1
        ? [503, { error: "temporarily_unavailable" }]
        : [200, { access_token: `tok-${index + 1}`, expires_in: 3600 }],
    );
    expect(await auth.getToken()).toBe("tok-1");
    await expect(auth.getToken(true)).rejects.toBeInstanceOf(AuthenticationError);
    expect(await auth.getToken()).toBe("tok-3");
  });

  it("that succeeds serves the new token from then on", async () => {
    const auth = await tokenEndpoint((_req, index) => [
      200,
      { access_token: `tok-${index + 1}`, expires_in: 3600 },
    ]);
    expect(await auth.getToken()).toBe("tok-1");
    expect(await auth.getToken(true)).toBe("tok-2");
    expect(await auth.getToken()).toBe("tok-2");
  });
});
