import { describe, expect, it } from "vitest";
import { ClipKitValidationError, clientCredentials, createApiClient } from "../../src/index.js";
import { assertCredentialTransport, isLoopbackHost } from "../../src/pipeline/credentials.js";
import { testVendor } from "../helpers/vendor.js";

const cases: { url: string; ok: boolean }[] = [
  { url: "https://api.example.com/v2", ok: true },
  { url: "http://127.0.0.1:4010", ok: true },
  { url: "http://127.9.9.9", ok: true },
  { url: "http://localhost:8080/x", ok: true },
  { url: "http://api.localhost", ok: true },
  { url: "http://[::1]:3000", ok: true },
  { url: "http://api.example.com/v2", ok: false },
  { url: "http://10.0.0.5", ok: false },
  { url: "http://127.0.0.1.example.com", ok: false },
  { url: "http://localhost.example.com", ok: false },
];

describe("assertCredentialTransport", () => {
  it.each(cases)("$url → allowed: $ok", ({ url, ok }) => {
    const check = () => assertCredentialTransport("baseUrl", url);
    if (ok) expect(check).not.toThrow();
    else expect(check).toThrow(ClipKitValidationError);
    expect(() => assertCredentialTransport("baseUrl", url, true)).not.toThrow();
  });

  it("says how to opt in, and names the field", () => {
    expect(() => assertCredentialTransport("tokenUrl", "http://auth.example.com/t")).toThrow(
      /^tokenUrl: .*plain http:\/\/ to auth\.example\.com.*allowInsecureHttp: true/,
    );
  });

  it("isLoopbackHost", () => {
    expect(["localhost", "LOCALHOST.", "127.0.0.1", "[::1]"].every(isLoopbackHost)).toBe(true);
    expect(["example.com", "::1", "128.0.0.1"].some(isLoopbackHost)).toBe(false);
  });
});

describe("every place credentials start from refuses plain http", () => {
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    sent.push(String(input));
    return new Response("{}");
  };
  const auth = { authorize: async (request: Request) => request };

  it("createApiClient: baseUrl and trustedOrigins, only when there is auth", () => {
    const base = { vendor: testVendor, fetch, auth };
    expect(() => createApiClient({ ...base, baseUrl: "http://api.example.com" })).toThrow(
      /^baseUrl: .*allowInsecureHttp/,
    );
    expect(() =>
      createApiClient({
        ...base,
        baseUrl: "https://api.example.com",
        trustedOrigins: ["http://files.example.com"],
      }),
    ).toThrow(/^trustedOrigins: /);
    expect(() =>
      createApiClient({ ...base, baseUrl: "http://api.example.com", allowInsecureHttp: true }),
    ).not.toThrow();
    expect(() =>
      createApiClient({ vendor: testVendor, fetch, baseUrl: "http://api.example.com" }),
    ).not.toThrow();
    expect(sent).toEqual([]);
  });

  it("clientCredentials: the token URL", () => {
    const options = { clientId: "id", clientSecret: "secret", fetch };
    expect(() => clientCredentials({ ...options, tokenUrl: "http://auth.example.com" })).toThrow(
      /^tokenUrl: /,
    );
    expect(() =>
      clientCredentials({
        ...options,
        tokenUrl: "http://auth.example.com",
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
    expect(() => clientCredentials({ ...options, tokenUrl: "http://127.0.0.1:9/t" })).not.toThrow();
    expect(sent).toEqual([]);
  });
});
