import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import {
  bearerAuth,
  bearerToken,
  ClipKitValidationError,
  createApiClient,
  toAuthProvider,
} from "../../src/index.js";
import { ok, startServer, type TestServer } from "../helpers/server.js";
import { testVendor } from "../helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("bearerToken", () => {
  it.each([
    { given: "a string", token: "abc" as const },
    { given: "a function", token: () => "abc" },
    { given: "an async function", token: async () => "abc" },
  ])("sends Authorization: Bearer from $given", async ({ token }) => {
    const request = await bearerToken(token).authorize(new Request("http://x/"), {
      forceRefresh: false,
    });
    expect(request.headers.get("authorization")).toBe("Bearer abc");
  });

  it("asks a token function again on every request", async () => {
    let n = 0;
    const auth = bearerToken(() => `t${++n}`);
    await auth.authorize(new Request("http://x/"), { forceRefresh: false });
    const second = await auth.authorize(new Request("http://x/"), { forceRefresh: true });
    expect(second.headers.get("authorization")).toBe("Bearer t2");
  });

  it("rejects an empty token, up front or from the function", async () => {
    expect(() => bearerToken(" ")).toThrow(ClipKitValidationError);
    await expect(
      bearerToken(() => "").authorize(new Request("http://x/"), { forceRefresh: false }),
    ).rejects.toThrow(ClipKitValidationError);
  });

  it("toAuthProvider keeps a provider and wraps a token", async () => {
    const provider = { authorize: async (r: Request) => r };
    expect(toAuthProvider(provider)).toBe(provider);
    const wrapped = await toAuthProvider("t").authorize(new Request("http://x/"), {
      forceRefresh: false,
    });
    expect(wrapped.headers.get("authorization")).toBe("Bearer t");
  });
});

describe("bearerAuth (the older middleware) still works", () => {
  it("adds the header to a plain openapi-fetch client", async () => {
    server = await startServer((_req, res) => ok()(res));
    const client = createClient<Record<string, never>>({ baseUrl: server.url });
    client.use(bearerAuth("legacy"));
    // biome-ignore lint/suspicious/noExplicitAny: an untyped path is enough here.
    await (client as any).GET("/x");
    expect(server.received[0]?.headers.authorization).toBe("Bearer legacy");
  });
});

describe("auth only goes to the client's own origins", () => {
  it.each([
    { given: "the base URL's origin", to: "own", trustOther: false, sent: true },
    {
      given: "another origin (same host, other port)",
      to: "other",
      trustOther: false,
      sent: false,
    },
    { given: "another origin listed in trustedOrigins", to: "other", trustOther: true, sent: true },
  ])("$given: sent=$sent", async ({ to, trustOther, sent }) => {
    const own = await startServer((_req, res) => ok()(res));
    const other = await startServer((_req, res) => ok()(res));
    try {
      const client = createApiClient<Record<string, never>>({
        baseUrl: `${own.url}/v2`,
        vendor: testVendor,
        auth: bearerToken("tok"),
        trustedOrigins: trustOther ? [other.url] : [],
      });
      const target = to === "own" ? own : other;
      // biome-ignore lint/suspicious/noExplicitAny: a path outside the (empty) typed paths.
      await (client as any).GET("/x", { baseUrl: target.url });
      expect(target.received).toHaveLength(1);
      expect(target.received[0]?.headers.authorization).toBe(sent ? "Bearer tok" : undefined);
    } finally {
      await Promise.all([own.close(), other.close()]);
    }
  });
});
