import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  assertOk,
  ClipKitError,
  ConnectionError,
  createFetch,
  NotFoundError,
} from "../src/index.js";
import { redactUrlsInText } from "../src/redact.js";
import { startServer, status, type TestServer } from "./helpers/server.js";
import { recordedDelays, testVendor } from "./helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("URLs inside free text", () => {
  it("redacts every URL's secrets and keeps the words around them", () => {
    const text =
      "fetch failed: connect to https://cdn.example/f.mp4?x-amz-signature=abc123&part=2 " +
      "from http://user:pw@host.example/p?token=t0k3n then 'https://x.example/?apikey=k9'";
    const out = redactUrlsInText(text, ["apikey"]);
    expect(out).toBe(
      "fetch failed: connect to https://cdn.example/f.mp4?x-amz-signature=REDACTED&part=2 " +
        "from http://REDACTED:REDACTED@host.example/p?token=REDACTED then 'https://x.example/?apikey=REDACTED'",
    );
    for (const secret of ["abc123", "t0k3n", "k9", "pw"]) expect(out).not.toContain(secret);
  });

  it("leaves text without a URL unchanged", () => {
    expect(redactUrlsInText("token=abc is not a URL")).toBe("token=abc is not a URL");
  });

  it("an error's cause is shown with the URLs in it redacted", () => {
    const error = new ClipKitError("download failed", {
      cause: new Error("socket hang up at https://s3.example/o?X-Amz-Signature=deadbeef"),
    });
    const json = error.toJSON();
    expect(json.cause).toBe(
      "Error: socket hang up at https://s3.example/o?X-Amz-Signature=REDACTED",
    );
    expect(JSON.stringify(json)).not.toContain("deadbeef");
  });

  it("an API message quoting a signed URL is redacted in the error message", () => {
    const error = new ApiError({
      status: 400,
      method: "GET",
      url: "https://api.example/v1/x",
      apiMessage: "cannot read https://s3.example/o?signature=s1g",
    });
    expect(error.message).toBe(
      "400 from GET https://api.example/v1/x: cannot read https://s3.example/o?signature=REDACTED",
    );
  });
});

describe("the vendor's own secret query names", () => {
  it("are redacted from the URL and message of an API error", async () => {
    server = await startServer((_req, res) => status(404)(res));
    const fetch = createFetch({ baseUrl: server.url, vendor: testVendor });
    const error = await assertOk(await fetch(`${server.url}/items?apikey=k-123&page=2`)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    const { url, message } = error as ApiError;
    expect(url).toBe(`${server.url}/items?apikey=REDACTED&page=2`);
    expect(message).toContain(url);
    expect(JSON.stringify(error)).not.toContain("k-123");
  });

  it("are redacted from a connection error's message", async () => {
    const fetch = createFetch({
      baseUrl: "http://127.0.0.1:9",
      vendor: testVendor,
      maxRetries: 0,
      ...recordedDelays(),
      fetch: async (input) => {
        const url = input instanceof Request ? input.url : String(input);
        throw Object.assign(new Error(`connect ECONNREFUSED while fetching ${url}`), {
          code: "ECONNREFUSED",
        });
      },
    });
    const error = await fetch("http://127.0.0.1:9/x?apikey=k-456").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("apikey=REDACTED");
    expect((error as Error).message).not.toContain("k-456");
  });
});
