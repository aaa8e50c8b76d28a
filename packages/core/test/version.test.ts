import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createFetch, VERSION, withRequestOptions } from "../src/index.js";
import { requestOptionsOf } from "../src/pipeline/request-options.js";
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
    { given: { retryPost: false, stream: undefined }, want: { retryPost: false } },
  ])("carries $given on the init, unset keys left out", ({ given, want }) => {
    const init = withRequestOptions({ headers: { accept: "x" } }, given);
    expect(requestOptionsOf(undefined, init)).toStrictEqual(want);
    expect(init.headers).toEqual({ accept: "x" });
  });

  it("the options reach the Request openapi-fetch builds, and nothing of them the wire", async () => {
    server = await startServer(sequence(ok(), ok()));
    const seen: unknown[] = [];
    const fetch = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      fetch: async (input, init) => {
        seen.push(requestOptionsOf(input, init));
        return globalThis.fetch(input, init);
      },
    });
    await fetch(`${server.url}/a`, withRequestOptions({}, { maxRetries: 1 }));
    // Read by the pipeline, not handed on to the fetch underneath.
    expect(seen).toEqual([undefined]);
    expect(Object.keys(server.received[0]?.headers ?? {}).some((h) => h.includes("clipkit"))).toBe(
      false,
    );
  });
});
