import type { ZoomClipsFake } from "@clipkit/testing";
import { describe, expect, it } from "vitest";
import { uploadClip } from "../../src/index.js";
import { fakeClient, makeBytes, sha256, TEST_LIMITS, uploaded, useClipsFake } from "./helpers.js";

// `files` is the client's fileBaseUrl, `api` its baseUrl: both configured, so both trusted.
// The same servers under the host name `localhost` are other origins: never trusted. Both take
// uploads without a token, as the other host a redirect leads to would.
const files = useClipsFake({ uploadsNeedToken: false });
const api = useClipsFake({ uploadsNeedToken: false });

const bytes = makeBytes(200_000, 3);
const common = { limits: TEST_LIMITS };
const FILE_API = "/fileapi/v2";
const port = (fake: ZoomClipsFake) => new URL(fake.origin).port;
const localhost = (fake: ZoomClipsFake) => `http://localhost:${port(fake)}${FILE_API}`;
const client = () => fakeClient(files.fileBaseUrl, api.baseUrl);
/** A server that redirects every time (as a real one would), on its 127.0.0.1 name only. */
const always = (path: string, location: string) =>
  files.faults.redirect({
    location,
    status: 307,
    count: 100,
    on: "upload",
    when: (r) =>
      r.host.startsWith("127.0.0.1") &&
      (r.path === FILE_API + path || r.event === path || r.partNumber === Number(path)),
  });

describe("uploads follow 30x by hand, with credentials only for trusted hosts", () => {
  it("re-sends the body to a non-configured host without the Authorization header", async () => {
    always("/clips/files", `${localhost(api)}/clips/files`);
    const { clip_id } = await uploadClip(client(), new Blob([bytes]), common);
    // Sent twice to the redirecting server: fetch's redirect "error" mode (which avoids
    // buffering the body) hides the Location, so the body is re-sent with "manual".
    expect(files.state.requests.map((r) => [r.authorization, r.status])).toEqual([
      [true, 307],
      [true, 307],
    ]);
    expect(api.state.requests).toHaveLength(1);
    expect(api.state.requests[0]?.host).toBe(`localhost:${port(api)}`);
    expect(api.state.requests[0]?.authorization).toBe(false);
    expect(uploaded(api, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("keeps the Authorization header on a redirect to the client's other configured origin", async () => {
    always("/clips/files", `${api.origin}${FILE_API}/clips/files`);
    const { clip_id } = await uploadClip(client(), new Blob([bytes]), common);
    expect(api.state.requests[0]?.authorization).toBe(true);
    expect(uploaded(api, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("the client's credential policy decides every hop: a trustedOrigins host gets the token", async () => {
    always("/clips/files", `${localhost(api)}/clips/files`);
    const trusting = fakeClient(files.fileBaseUrl, api.baseUrl, undefined, {
      trustedOrigins: [`http://localhost:${port(api)}`],
    });
    const { clip_id } = await uploadClip(trusting, new Blob([bytes]), common);
    expect(api.state.requests[0]?.host).toBe(`localhost:${port(api)}`);
    expect(api.state.requests[0]?.authorization).toBe(true);
    expect(uploaded(api, clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("redirects single parts and events of a multipart upload the same way", async () => {
    always("2", `${localhost(files)}/clips/files/multipart`);
    always("CompleteMultipartUpload", `${localhost(files)}/clips/files/multipart/upload_events`);
    const { clip_id } = await uploadClip(client(), new Blob([bytes]), {
      ...common,
      multipartThreshold: 64 * 1024,
      partSize: 64 * 1024,
    });
    expect(uploaded(files, clip_id)?.sha256).toBe(sha256(bytes));
    const viaLocalhost = files.state.requests.filter((r) => r.host.startsWith("localhost"));
    expect(viaLocalhost.map((r) => r.partNumber ?? r.event)).toEqual([
      2,
      "CompleteMultipartUpload",
    ]);
    expect(viaLocalhost.every((r) => r.authorization === false)).toBe(true);
    const direct = files.state.requests.filter((r) => r.host.startsWith("127.0.0.1"));
    expect(direct.every((r) => r.authorization === true)).toBe(true);
  });

  it("stops after maxRedirects", async () => {
    files.faults.redirect({
      location: `${files.fileBaseUrl}/clips/files`,
      count: 100,
      on: "upload",
      when: (r) => r.path === `${FILE_API}/clips/files`,
    });
    await expect(
      uploadClip(client(), new Blob([bytes]), { ...common, maxRedirects: 2 }),
    ).rejects.toMatchObject({ name: "RedirectError" });
    // The first request twice (see above), then the two redirects followed.
    expect(files.state.requests).toHaveLength(4);
  });

  it("cannot re-send a one-shot stream after a redirect, and says so", async () => {
    always("/clips/files", `${api.origin}${FILE_API}/clips/files`);
    const stream = new Blob([bytes]).stream();
    await expect(uploadClip(client(), stream, { ...common, size: bytes.length })).rejects.toThrow(
      /read only once/,
    );
    expect(api.state.requests).toHaveLength(0);
  });
});
