import { withRequestOptions } from "@clipkit/core";
import type { ZoomClipsFake } from "@clipkit/testing";
import { describe, expect, it } from "vitest";
import { multipartBody, RedirectError, TimeoutError, unwrap } from "../../src/index.js";
import { fakeClient, makeBytes, sha256, uploaded, useClipsFake } from "./helpers.js";

// A raw `client.POST` with `multipartBody` on the file host takes the helpers' route
// (redirects.test.ts shows the same rules for `uploadClip`): credentials on each hop only where
// the credential policy allows, redirects counted by ClipKit, the idle limit (not the whole-
// attempt one) over file bytes, and the bytes of the helpers' multipart encoder.
const files = useClipsFake({ uploadsNeedToken: false });
const api = useClipsFake({ uploadsNeedToken: false });

const bytes = makeBytes(150_000, 5);
const FILE_API = "/fileapi/v2";
const port = (fake: ZoomClipsFake) => new URL(fake.origin).port;
const localhost = (fake: ZoomClipsFake) => `http://localhost:${port(fake)}${FILE_API}`;
const client = (options = {}) => fakeClient(files.fileBaseUrl, api.baseUrl, undefined, options);
const video = () => new Blob([bytes], { type: "video/mp4" });
/** The file host redirects every upload to `location` (on its 127.0.0.1 name only). */
const always = (location: string, status = 307) =>
  files.faults.redirect({
    location,
    status,
    count: 100,
    on: "upload",
    when: (r) => r.host.startsWith("127.0.0.1"),
  });

describe("raw multipart calls take the upload helpers' route to the file host", () => {
  it("keeps the Authorization header on a 307 to the client's other configured origin", async () => {
    always(`${api.origin}${FILE_API}/clips/files`);
    const { data, response } = await client().POST(
      "/clips/files",
      multipartBody({ file: video() }),
    );
    expect(response.status).toBe(201);
    expect(api.state.requests.map((r) => r.authorization)).toEqual([true]);
    expect(uploaded(api, data?.clip_id ?? "")?.sha256).toBe(sha256(bytes));
  });

  it("drops it on a redirect to a host that is not configured, and re-sends a part whole", async () => {
    const created = await unwrap(
      client().POST("/clips/files/multipart/upload_events", {
        body: { method: "CreateMultipartUpload", params: { file_name: "a.mp4" } },
      }),
    );
    const upload_context = "upload_context" in created ? created.upload_context : "";
    always(`${localhost(files)}/clips/files/multipart`);
    const part = await unwrap(
      client().POST(
        "/clips/files/multipart",
        multipartBody({ file: video(), part_number: 1, upload_context }),
      ),
    );
    expect(part.part_number_etag?.part_number).toBe(1);
    const viaLocalhost = files.state.requests.filter((r) => r.host.startsWith("localhost"));
    expect(viaLocalhost.map((r) => [r.partNumber, r.authorization, r.fileBytes])).toEqual([
      [1, false, bytes.length],
    ]);
  });

  it("stops after 5 redirects with a RedirectError", async () => {
    always(`${files.fileBaseUrl}/clips/files`, 302);
    const failure = await client()
      .POST("/clips/files", multipartBody({ file: video() }))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RedirectError);
    expect((failure as Error).message).toMatch(/more than 5 redirects/);
    // The first request twice (fetch's "error" mode hides the Location), then 5 hops.
    expect(files.state.requests).toHaveLength(7);
  });

  it("is not cut by the client's timeoutMs while the file host takes its time: the idle limit governs", async () => {
    files.faults.delay({ ms: 600, on: "upload" });
    const { data } = await client({ timeoutMs: 300, maxRetries: 0 }).POST(
      "/clips/files",
      multipartBody({ file: video() }),
    );
    expect(uploaded(files, data?.clip_id ?? "")?.sha256).toBe(sha256(bytes));
  });

  it("still takes a call's own timeoutMs and signal (withRequestOptions, the init's signal)", async () => {
    files.faults.delay({ ms: 5000, on: "upload", count: 2 });
    const timed = client({ maxRetries: 0 }).POST(
      "/clips/files",
      withRequestOptions(multipartBody({ file: video() }), { timeoutMs: 200 }),
    );
    await expect(timed).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const aborted = client().POST("/clips/files", {
      ...multipartBody({ file: video() }),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("stop")), 100);
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
  });

  it("sends the helpers' encoding: ClipKit's boundary, text fields first, a Content-Length", async () => {
    const sent: Request[] = [];
    const recording: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return fetch(request);
    };
    const recordingClient = fakeClient(files.fileBaseUrl, api.baseUrl, recording);
    const { response } = await recordingClient.POST(
      "/clips/files/multipart",
      multipartBody({ file: video(), part_number: 2, upload_context: "ctx" }),
    );
    expect(response.status).toBeLessThan(500);
    const request = sent[0] as Request;
    const type = request.headers.get("content-type") ?? "";
    expect(type).toMatch(/^multipart\/form-data; boundary=----ClipKitFormBoundary[0-9a-f]{32}$/);
    const body = new Uint8Array(await request.arrayBuffer());
    expect(Number(request.headers.get("content-length"))).toBe(body.length);
    const text = new TextDecoder("latin1").decode(body);
    expect(text.indexOf('name="part_number"')).toBeLessThan(text.indexOf('name="file"'));
    expect(text).toContain('filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n');
  });

  it("hands an error answer back as data, as every raw call does", async () => {
    files.faults.serverError({ status: 400, on: "upload" });
    const { data, error, response } = await client().POST(
      "/clips/files",
      multipartBody({ file: video() }),
    );
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: expect.any(Number) });
  });
});
