import { ResponseParseError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { uploadClip } from "../../src/index.js";
import { fakeFetch, json } from "../fake-fetch.js";
import { fakeClient, makeBytes, TEST_LIMITS } from "./helpers.js";

// The file API's requests, seen from the wire: an injected fetch records each one.

const FILES = "https://files.test/v2";
const bytes = makeBytes(1000, 13);
const common = { limits: TEST_LIMITS };
const redirect = (location: string, status = 307) =>
  new Response(null, { status, headers: { location } });

/** Like undici: `redirect: "error"` refuses a 3xx answer with a TypeError. */
function withRedirectModes(answer: (request: Request, index: number) => Response) {
  return fakeFetch((request, index) => {
    const response = answer(request, index);
    if (request.redirect === "error" && response.status >= 300 && response.status < 400) {
      throw new TypeError("fetch failed", { cause: new Error("unexpected redirect") });
    }
    return response;
  });
}

const upload = (fetch: typeof globalThis.fetch, options = {}) =>
  uploadClip(fakeClient(FILES, FILES, fetch), bytes, { ...common, ...options });

describe("sendFileRequest: the requests of an upload", () => {
  it("a single upload is one POST with the form's type and exact length", async () => {
    let sent = 0;
    const { fetch, requests } = fakeFetch(async (request) => {
      sent = (await request.arrayBuffer()).byteLength;
      return json({ clip_id: "c1" }, 201);
    });
    expect(await upload(fetch)).toEqual({ clip_id: "c1" });
    const [request] = requests as [Request];
    expect(requests).toHaveLength(1);
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${FILES}/clips/files`);
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(request.headers.get("content-length"))).toBe(sent);
    expect(sent).toBeGreaterThan(bytes.byteLength);
  });

  it("a 303 after the upload is followed with a GET without a body", async () => {
    const { fetch, requests } = fakeFetch((_request, index) =>
      index === 0 ? redirect(`${FILES}/results/1`, 303) : json({ clip_id: "c2" }, 201),
    );
    expect(await upload(fetch)).toEqual({ clip_id: "c2" });
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ["POST", `${FILES}/clips/files`],
      ["GET", `${FILES}/results/1`],
    ]);
    expect(requests[1]?.body).toBeNull();
  });

  it("sends with redirect 'error' until the server redirects; then 'manual' for the rest of the upload", async () => {
    const { fetch, requests } = withRedirectModes((request) => {
      const url = new URL(request.url);
      if (url.hostname === "files.test" && url.pathname.endsWith("upload_events")) {
        return redirect(`https://other.test${url.pathname}`);
      }
      if (url.pathname.endsWith("/multipart")) {
        return json({ part_number_etag: { part_number: 1, etag: "e1" } }, 201);
      }
      return json({ upload_context: "ctx", clip_id: "c3" }, 201);
    });
    await upload(fetch, { multipartThreshold: 1, partSize: 64 * 1024 });
    expect(requests.map((r) => [new URL(r.url).host, r.redirect])).toEqual([
      ["files.test", "error"], // create: refused redirect…
      ["files.test", "manual"], // …sent again to read the Location
      ["other.test", "manual"],
      ["files.test", "manual"], // the part: straight to "manual"
      ["files.test", "manual"], // complete
      ["other.test", "manual"],
    ]);
  });

  it("an upload that is never redirected sends every request with redirect 'error'", async () => {
    const { fetch, requests } = withRedirectModes((request) =>
      request.url.endsWith("/multipart")
        ? json({ part_number_etag: { part_number: 1, etag: "e1" } }, 201)
        : json({ upload_context: "ctx", clip_id: "c4" }, 201),
    );
    await upload(fetch, { multipartThreshold: 1, partSize: 64 * 1024 });
    expect(requests.map((r) => r.redirect)).toEqual(["error", "error", "error"]);
  });
});

describe("answers that are not what the API documents: ResponseParseError", () => {
  it("a 2xx that is not JSON names the request, the status and the type", async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response("<html>ok</html>", { status: 201, headers: { "content-type": "text/html" } }),
    );
    const failure = await upload(fetch).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResponseParseError);
    expect((failure as Error).message).toMatch(
      `POST ${FILES}/clips/files answered 201 with text/html, not JSON`,
    );
    expect(failure).toMatchObject({ status: 201, contentType: "text/html" });
  });

  it("a redirect target's query (a signature) never shows in the message", async () => {
    const { fetch } = fakeFetch((_request, index) =>
      index === 0 ? redirect("https://cdn.test/up?signature=SECRET123") : json({}, 201),
    );
    const failure = await upload(fetch).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResponseParseError);
    expect((failure as Error).message).toBe(
      "POST https://cdn.test/up answered 201 without clip_id",
    );
  });

  it.each([
    ["a null body", null],
    ["an empty clip_id", { clip_id: "" }],
    ["a numeric clip_id", { clip_id: 42 }],
    ["a list", ["clip_id"]],
  ])("%s is not a clip_id", async (_given, body) => {
    const { fetch } = fakeFetch(() => json(body, 201));
    const failure = await upload(fetch).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResponseParseError);
    expect(failure).toMatchObject({ status: 201, contentType: "application/json" });
    expect((failure as Error).message).toMatch(/answered 201 without clip_id$/);
  });

  it("a nested field is looked up by its path, and a missing level is named", async () => {
    const { fetch } = fakeFetch((request) =>
      request.url.endsWith("/multipart")
        ? json({ part_number_etag: "e1" }, 201)
        : json({ upload_context: "ctx" }, 201),
    );
    const failure = await upload(fetch, { multipartThreshold: 1, partSize: 64 * 1024 }).catch(
      (e: unknown) => e,
    );
    expect((failure as Error).message).toBe(
      `POST ${FILES}/clips/files/multipart answered 201 without part_number_etag.etag`,
    );
  });
});
