import { startZoomFake } from "@clipkit/testing";
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/errors.js";
import { type ZoomConnection, zoomConnection } from "../src/zoom-auth.js";

const s2s = {
  ZOOM_ACCOUNT_ID: "acct-1",
  ZOOM_CLIENT_ID: "client-1",
  ZOOM_CLIENT_SECRET: "secret-1",
};

/** The Authorization header the connection's auth puts on a request. */
async function authorization(auth: ZoomConnection["auth"]) {
  const request = await auth.authorize(new Request("https://api.zoom.us/v2/users/me"), {
    forceRefresh: false,
  });
  return request.headers.get("authorization");
}

describe("zoomConnection: credentials and URLs from flags, environment, config file", () => {
  it("ZOOM_TOKEN from the environment beats the config file's, and beats OAuth", async () => {
    const secrets = new Set<string>();
    const { auth, baseUrl } = zoomConnection(
      {},
      { ZOOM_TOKEN: "env-token", ...s2s },
      { zoom: { token: "file-token" } },
      secrets,
    );
    expect(await authorization(auth)).toBe("Bearer env-token");
    expect(baseUrl).toBeUndefined();
    expect([...secrets].sort()).toEqual(["client-1", "env-token", "secret-1"]);
  });

  it("the config file's token when the environment has none (an empty variable is none)", async () => {
    const { auth } = zoomConnection(
      {},
      { ZOOM_TOKEN: "" },
      { zoom: { token: "file-token" } },
      new Set(),
    );
    expect(await authorization(auth)).toBe("Bearer file-token");
  });

  it.each([
    {
      flags: { baseUrl: "http://flag.example/v2" },
      env: { ZOOM_BASE_URL: "http://env.example/v2" },
      want: "http://flag.example/v2",
    },
    { flags: {}, env: { ZOOM_BASE_URL: "https://env.example/v2" }, want: "https://env.example/v2" },
    { flags: {}, env: { ZOOM_BASE_URL: "" }, want: "https://file.example/v2" },
  ])("base URL: $want", ({ flags, env, want }) => {
    const config = { zoom: { token: "tok", baseUrl: "https://file.example/v2" } };
    expect(zoomConnection(flags, env, config, new Set()).baseUrl).toBe(want);
  });

  it.each([
    { flags: { baseUrl: "nope" }, want: '--base-url: expected an http(s) URL, got "nope"' },
    {
      flags: { baseUrl: "ftp://x.example/" },
      want: '--base-url: expected an http(s) URL, got "ftp://x.example/"',
    },
    {
      flags: { tokenUrl: "file:///etc/passwd" },
      want: '--token-url: expected an http(s) URL, got "file:///etc/passwd"',
    },
  ])("$flags: refused before anything is sent", ({ flags, want }) => {
    expect(() => zoomConnection(flags, { ZOOM_TOKEN: "tok" }, {}, new Set())).toThrow(
      new UsageError(want),
    );
  });

  it("Server-to-Server OAuth from the config file, its token URL from the environment", async () => {
    const fake = await startZoomFake({ from: "2024-01-01", to: "2024-01-31" });
    try {
      const { accountId, clientId, clientSecret } = fake.credentials;
      const connect = (env: NodeJS.ProcessEnv) =>
        zoomConnection({}, env, { zoom: { accountId, clientId, clientSecret } }, new Set());
      const { auth } = connect({ ZOOM_TOKEN_URL: fake.tokenUrl });
      expect(await authorization(auth)).toMatch(/^Bearer \S+$/);
      // The fake's token URL was the one asked (Zoom's own is never reached from a test).
      expect(fake.state.requests.filter((r) => r.target === "token")).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it.each([
    { env: {}, missing: "ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET" },
    { env: { ZOOM_ACCOUNT_ID: "a" }, missing: "ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET" },
    { env: { ZOOM_CLIENT_ID: "c", ZOOM_CLIENT_SECRET: "s" }, missing: "ZOOM_ACCOUNT_ID" },
    { env: { ZOOM_ACCOUNT_ID: "a", ZOOM_CLIENT_ID: "c" }, missing: "ZOOM_CLIENT_SECRET" },
  ])("no token and $missing missing: refused, naming them", ({ env, missing }) => {
    expect(() => zoomConnection({}, env, {}, new Set())).toThrow(
      new UsageError(
        `no Zoom credentials: set ZOOM_TOKEN, or ${missing} (Server-to-Server OAuth), in the environment or the config file`,
      ),
    );
  });
});
