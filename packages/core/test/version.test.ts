import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createFetch, requestOptionHeaders, VERSION, withRequestOptions } from "../src/index.js";
import { takeRequestOptions } from "../src/pipeline/request-options.js";
import { PACKAGE_NAME } from "../src/version.js";
import { ok, sequence, startServer, type TestServer } from "./helpers/server.js";
import { testVendor } from "./helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("version and user agent", () => {
  it("VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(VERSION).toBe(pkg.version);
    expect(PACKAGE_NAME).toBe(pkg.name);
  });

  it("sends <package>/<version> clipkit-core/<version> node/<version>", async () => {
    server = await startServer(sequence(ok()));
    await createFetch({ baseUrl: server.url, vendor: testVendor })(server.url);
    expect(server.received[0]?.headers["user-agent"]).toBe(
      `@clipkit/test-api/9.9.9 clipkit-core/${VERSION} node/${process.version}`,
    );
  });

  it("keeps a User-Agent the caller set", async () => {
    server = await startServer(sequence(ok()));
    await createFetch({ baseUrl: server.url, vendor: testVendor })(server.url, {
      headers: { "User-Agent": "mine/1" },
    });
    expect(server.received[0]?.headers["user-agent"]).toBe("mine/1");
  });
});

describe("per-request options", () => {
  it.each([
    { given: {}, want: {} },
    { given: { maxRetries: 0 }, want: { maxRetries: 0 } },
    { given: { timeoutMs: 5, retryPost: true }, want: { timeoutMs: 5, retryPost: true } },
    { given: { retryPost: false }, want: { retryPost: false } },
  ])("round-trips $given through headers", ({ given, want }) => {
    const headers = new Headers({ accept: "x", ...requestOptionHeaders(given) });
    expect(takeRequestOptions(headers)).toEqual(want);
    expect([...headers.keys()]).toEqual(["accept"]);
  });

  it.each([
    { given: "a record", headers: { a: "1" } },
    { given: "a Headers", headers: new Headers({ a: "1" }) },
    { given: "an array", headers: [["a", "1"]] as [string, string][] },
    { given: "nothing", headers: undefined },
  ])("withRequestOptions merges into $given", ({ headers }) => {
    const init = withRequestOptions(
      { method: "GET", ...(headers ? { headers } : {}) },
      { maxRetries: 1 },
    );
    expect(init.method).toBe("GET");
    const merged = new Headers(init.headers as HeadersInit);
    expect(merged.get("x-clipkit-max-retries")).toBe("1");
    if (headers) expect(merged.get("a")).toBe("1");
  });
});
