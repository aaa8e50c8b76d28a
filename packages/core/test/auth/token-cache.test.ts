import { afterEach, describe, expect, it } from "vitest";
import { ClipKitValidationError, clientCredentials } from "../../src/index.js";
import { json, startServer, type TestServer } from "../helpers/server.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const base = { tokenUrl: "http://127.0.0.1:1/token", clientId: "id", clientSecret: "secret" };

async function tokens(expiresIn: unknown) {
  const server = await startServer((_req, res, index) =>
    json(res, 200, { access_token: `tok-${index + 1}`, expires_in: expiresIn }),
  );
  servers.push(server);
  return server;
}

describe("clientCredentials options", () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refreshMarginMs %s is refused", (margin) => {
    expect(() => clientCredentials({ ...base, refreshMarginMs: margin })).toThrow(
      new ClipKitValidationError("refreshMarginMs", `expected ms ≥ 0, got ${margin}`),
    );
  });

  it("a `now` that is not a function is refused", () => {
    // biome-ignore lint/suspicious/noExplicitAny: a JavaScript caller's mistake.
    expect(() => clientCredentials({ ...base, now: 5 as any })).toThrow(
      new ClipKitValidationError("now", "expected a function"),
    );
  });

  it("an empty clientId is refused with the rule", () => {
    expect(() => clientCredentials({ ...base, clientId: "" })).toThrow(
      "clientId: must be a non-empty string",
    );
  });
});

describe("token reuse on a fake clock", () => {
  it.each([
    { elapsed: 3_539_999, want: "tok-1" },
    { elapsed: 3_540_000, want: "tok-2" },
  ])("3600 s token, margin 60 s: at +$elapsed ms serves $want", async ({ elapsed, want }) => {
    const server = await tokens(3600);
    let clock = 1_000_000;
    const auth = clientCredentials({ ...base, tokenUrl: server.url, now: () => clock });
    await auth.getToken();
    clock += elapsed;
    expect(await auth.getToken()).toBe(want);
  });

  it("refreshMarginMs 0 serves the token until its last millisecond", async () => {
    const server = await tokens(10);
    let clock = 0;
    const auth = clientCredentials({
      ...base,
      tokenUrl: server.url,
      refreshMarginMs: 0,
      now: () => clock,
    });
    await auth.getToken();
    clock = 9_999;
    expect(await auth.getToken()).toBe("tok-1");
    clock = 10_000;
    expect(await auth.getToken()).toBe("tok-2");
  });

  it.each([undefined, 0, -5, "soon"])(
    "expires_in %j: the token never expires, one request in all",
    async (expiresIn) => {
      const server = await tokens(expiresIn);
      let clock = 0;
      const auth = clientCredentials({ ...base, tokenUrl: server.url, now: () => clock });
      await auth.getToken();
      clock = 1e12;
      expect(await auth.getToken()).toBe("tok-1");
      expect(server.received).toHaveLength(1);
    },
  );
});
