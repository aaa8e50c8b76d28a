import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createZoomClipsClient,
  DEFAULT_BASE_URL,
  DEFAULT_FILE_BASE_URL,
  FILE_SERVER_PATHS,
  multipartBody,
  PACKAGE_NAME,
  TimeoutError,
  VERSION,
} from "../src/index.js";
import { fakeFetch, json } from "./fake-fetch.js";
import { operations, spec } from "./spec.js";

describe("file server routing", () => {
  it("FILE_SERVER_PATHS is exactly the set of operations with their own servers in the spec", () => {
    const fromSpec = operations().filter((op) => op.servers !== undefined);
    expect(fromSpec.length).toBeGreaterThan(0);
    expect([...new Set(fromSpec.map((op) => op.path))].sort()).toEqual(
      [...FILE_SERVER_PATHS].sort(),
    );
    for (const op of fromSpec) expect(op.servers).toEqual([DEFAULT_FILE_BASE_URL]);
    expect(spec.servers.map((server: { url: string }) => server.url)).toEqual([DEFAULT_BASE_URL]);
  });

  it("sends uploads to fileBaseUrl and the rest to baseUrl, with the token on both", async () => {
    const fake = fakeFetch(() => json({}, 201));
    const client = createZoomClipsClient({ auth: () => "tok", fetch: fake.fetch });
    await client.POST("/clips/files", multipartBody({ file: new Blob(["x"]) }));
    await client.POST(
      "/clips/files/multipart",
      multipartBody({ file: new Blob(["x"]), part_number: 1, upload_context: "ctx" }),
    );
    await client.POST("/clips/files/multipart/upload_events", {
      body: { method: "CreateMultipartUpload" },
    });
    await client.GET("/clips/{clipId}", { params: { path: { clipId: "c" } } });
    expect(fake.requests.map((r) => r.url)).toEqual([
      "https://fileapi.zoom.us/v2/clips/files",
      "https://fileapi.zoom.us/v2/clips/files/multipart",
      "https://fileapi.zoom.us/v2/clips/files/multipart/upload_events",
      "https://api.zoom.us/v2/clips/c",
    ]);
    expect(fake.requests.map((r) => r.headers.get("Authorization"))).toEqual(
      Array(4).fill("Bearer tok"),
    );
  });

  it("sends a real multipart/form-data body with the file part and text fields", async () => {
    // Read as a server does, before answering: the route releases an unread body afterwards.
    const forms: FormData[] = [];
    const fake = fakeFetch(async (request) => {
      forms.push(await request.formData());
      return json({}, 201);
    });
    const client = createZoomClipsClient({
      auth: "t",
      fileBaseUrl: "https://files.test/v2/",
      fetch: fake.fetch,
    });
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client.POST(
      "/clips/files/multipart",
      multipartBody(
        { file: new Blob([bytes], { type: "video/mp4" }), part_number: 3, upload_context: "ctx" },
        { filename: "a.mp4" },
      ),
    );
    const request = fake.requests[0] as Request;
    expect(request.url).toBe("https://files.test/v2/clips/files/multipart");
    expect(request.headers.get("Content-Type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = forms[0] as FormData;
    const file = form.get("file") as File;
    expect(file.name).toBe("a.mp4");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(form.get("part_number")).toBe("3");
    expect(form.get("upload_context")).toBe("ctx");
  });

  it("sends no credentials to an origin that is neither host", async () => {
    const fake = fakeFetch(() => json({}));
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch });
    await client.GET("/clips/{clipId}", {
      params: { path: { clipId: "c" } },
      baseUrl: "https://evil.test/v2",
    });
    await client.GET("/clips/{clipId}", { params: { path: { clipId: "c" } } });
    expect(
      fake.requests.map((r) => [new URL(r.url).origin, r.headers.get("Authorization")]),
    ).toEqual([
      ["https://evil.test", null],
      ["https://api.zoom.us", "Bearer t"],
    ]);
  });

  it("uses an AuthProvider's authorize for every request", async () => {
    const fake = fakeFetch(() => json({}));
    const client = createZoomClipsClient({
      auth: {
        async authorize(request, ctx) {
          request.headers.set("Authorization", `Bearer from-provider-${ctx.forceRefresh}`);
          return request;
        },
      },
      fetch: fake.fetch,
    });
    await client.GET("/clips");
    expect(fake.requests[0]?.headers.get("Authorization")).toBe("Bearer from-provider-false");
  });

  it("aborts a request after timeoutMs with an error naming it", async () => {
    const fake = fakeFetch(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const client = createZoomClipsClient({
      auth: "t",
      fetch: fake.fetch,
      timeoutMs: 30,
      maxRetries: 0,
    });
    const error = await client
      .GET("/clips", { params: { query: { page_size: 50 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(
      /GET https:\/\/api\.zoom\.us\/v2\/clips\S* timed out after 30 ms/,
    );
  });

  it("sends the package's name and version in the User-Agent, equal to package.json's", async () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect([PACKAGE_NAME, VERSION]).toEqual([manifest.name, manifest.version]);
    const fake = fakeFetch(() => json({}));
    await createZoomClipsClient({ auth: "t", fetch: fake.fetch }).GET("/clips");
    expect(fake.requests[0]?.headers.get("User-Agent")).toContain(`${PACKAGE_NAME}/${VERSION}`);
  });

  it("the package exports what the README documents", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const name of [
      "createZoomClipsClient",
      "client.paginate",
      "transferClips",
      "waitForTransfer",
      "multipartBody",
    ]) {
      expect(readme).toContain(name);
    }
  });
});

describe("fileBaseUrl", () => {
  it("is kept without its trailing slashes", () => {
    const client = createZoomClipsClient({ auth: "t", fileBaseUrl: "https://files.test/v2//" });
    expect(client.fileBaseUrl).toBe("https://files.test/v2");
  });
});
