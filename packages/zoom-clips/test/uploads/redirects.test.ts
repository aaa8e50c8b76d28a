import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { uploadClip } from "../../src/index.js";
import { type FakeFileServer, startFakeFileServer } from "./fake-file-server.js";
import { fakeClient, makeBytes, sha256, TEST_LIMITS } from "./helpers.js";

// `files` is the client's fileBaseUrl, `api` its baseUrl: both configured, so both trusted.
// The same servers under the host name `localhost` are other origins: never trusted.
let files: FakeFileServer;
let api: FakeFileServer;
beforeAll(async () => {
  files = await startFakeFileServer({ rules: TEST_LIMITS });
  api = await startFakeFileServer({ rules: TEST_LIMITS });
});
afterAll(async () => {
  await files.close();
  await api.close();
});
beforeEach(() => {
  for (const s of [files, api]) {
    s.requests.length = 0;
    s.clearFaults();
  }
});

const bytes = makeBytes(200_000, 3);
const common = { limits: TEST_LIMITS };
const localhost = (server: FakeFileServer) => `http://localhost:${server.port}`;
const client = () => fakeClient(files.url, api.url);
/** A server that redirects every time (as a real one would), on its 127.0.0.1 name only. */
const always = (path: string, location: string) =>
  files.inject(
    (r) =>
      r.host.startsWith("127.0.0.1") &&
      (r.path === path || r.event === path || r.partNumber === Number(path)),
    { kind: "redirect", status: 307, location },
    100,
  );

describe("uploads follow 30x by hand, with credentials only for trusted hosts", () => {
  it("re-sends the body to a non-configured host without the Authorization header", async () => {
    always("/clips/files", `${localhost(api)}/clips/files`);
    const { clip_id } = await uploadClip(client(), new Blob([bytes]), common);
    // Sent twice to the redirecting server: fetch's redirect "error" mode (which avoids
    // buffering the body) hides the Location, so the body is re-sent with "manual".
    expect(files.requests.map((r) => [r.authorization, r.status])).toEqual([
      ["Bearer test-token", 307],
      ["Bearer test-token", 307],
    ]);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.host).toBe(`localhost:${api.port}`);
    expect(api.requests[0]?.authorization).toBeUndefined();
    expect(api.clips.get(clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("keeps the Authorization header on a redirect to the client's other configured origin", async () => {
    always("/clips/files", `${api.url}/clips/files`);
    const { clip_id } = await uploadClip(client(), new Blob([bytes]), common);
    expect(api.requests[0]?.authorization).toBe("Bearer test-token");
    expect(api.clips.get(clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("the client's credential policy decides every hop: a trustedOrigins host gets the token", async () => {
    always("/clips/files", `${localhost(api)}/clips/files`);
    const trusting = fakeClient(files.url, api.url, undefined, {
      trustedOrigins: [localhost(api)],
    });
    const { clip_id } = await uploadClip(trusting, new Blob([bytes]), common);
    expect(api.requests[0]?.host).toBe(`localhost:${api.port}`);
    expect(api.requests[0]?.authorization).toBe("Bearer test-token");
    expect(api.clips.get(clip_id)?.sha256).toBe(sha256(bytes));
  });

  it("redirects single parts and events of a multipart upload the same way", async () => {
    always("2", `${localhost(files)}/clips/files/multipart`);
    always("CompleteMultipartUpload", `${localhost(files)}/clips/files/multipart/upload_events`);
    const { clip_id } = await uploadClip(client(), new Blob([bytes]), {
      ...common,
      multipartThreshold: 64 * 1024,
      partSize: 64 * 1024,
    });
    expect(files.clips.get(clip_id)?.sha256).toBe(sha256(bytes));
    const viaLocalhost = files.requests.filter((r) => r.host.startsWith("localhost"));
    expect(viaLocalhost.map((r) => r.partNumber ?? r.event)).toEqual([
      2,
      "CompleteMultipartUpload",
    ]);
    expect(viaLocalhost.every((r) => r.authorization === undefined)).toBe(true);
    const direct = files.requests.filter((r) => r.host.startsWith("127.0.0.1"));
    expect(direct.every((r) => r.authorization === "Bearer test-token")).toBe(true);
  });

  it("stops after maxRedirects", async () => {
    files.inject(
      (r) => r.path === "/clips/files",
      { kind: "redirect", location: `${files.url}/clips/files` },
      100,
    );
    await expect(
      uploadClip(client(), new Blob([bytes]), { ...common, maxRedirects: 2 }),
    ).rejects.toMatchObject({ name: "RedirectError" });
    // The first request twice (see above), then the two redirects followed.
    expect(files.requests).toHaveLength(4);
  });

  it("cannot re-send a one-shot stream after a redirect, and says so", async () => {
    always("/clips/files", `${api.url}/clips/files`);
    const stream = new Blob([bytes]).stream();
    await expect(uploadClip(client(), stream, { ...common, size: bytes.length })).rejects.toThrow(
      /read only once/,
    );
    expect(api.requests).toHaveLength(0);
  });
});
