import { strictFetch } from "@clipkit/contract-harness";
import { describe, expect, inject, it } from "vitest";
import { createZoomClipsClient, uploadClip } from "../../src/index.js";
import { TEST_LIMITS } from "./helpers.js";

/**
 * The request shapes of both upload kinds, checked once each by Prism's validator
 * (`strictFetch` throws on a violation). Prism validates multipart loosely and reads parts as
 * UTF-8 (design.md): the bytes here are ASCII, and byte-exactness is the fake server's job.
 */
function prismUploadClient(seen: string[]) {
  const prismUrl = inject("prismUrl");
  const recordAndPrefer: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    let label = `${request.method} ${new URL(request.url).pathname}`;
    if (request.url.endsWith("/upload_events")) {
      const body = (await request.clone().json()) as { method: string };
      label += ` ${body.method}`;
      if (body.method === "CompleteMultipartUpload") {
        request.headers.set("Prefer", "example=completed");
      }
    }
    seen.push(`${label} ${request.headers.get("content-type")?.split(";")[0]}`);
    return fetch(request);
  };
  return createZoomClipsClient({
    auth: "test-token",
    baseUrl: prismUrl,
    fileBaseUrl: prismUrl.replace("127.0.0.1", "localhost"),
    fetch: strictFetch(recordAndPrefer),
  });
}

const ascii = (size: number) => new TextEncoder().encode("0123456789abcdef".repeat(size / 16));

describe("upload request shapes against Prism (specs/zoom-clips.yaml)", () => {
  it("a single upload is a valid POST /clips/files", async () => {
    const seen: string[] = [];
    const result = await uploadClip(prismUploadClient(seen), ascii(4096), {
      fileName: "clip.mp4",
    });
    expect(result).toEqual({ clip_id: "xBvggqyjQUal6TecwMlYwE" });
    expect(seen).toEqual(["POST /clips/files multipart/form-data"]);
  });

  it("a multipart upload is a valid create, parts, complete", async () => {
    const seen: string[] = [];
    const result = await uploadClip(prismUploadClient(seen), ascii(64 * 1024 * 2 + 512), {
      limits: TEST_LIMITS,
      multipartThreshold: 64 * 1024,
      partSize: 64 * 1024,
      concurrency: 1,
    });
    expect(result).toEqual({ clip_id: "xBvggqyjQUal6TecwMlYwQ" });
    expect(seen).toEqual([
      "POST /clips/files/multipart/upload_events CreateMultipartUpload application/json",
      "POST /clips/files/multipart multipart/form-data",
      "POST /clips/files/multipart multipart/form-data",
      "POST /clips/files/multipart multipart/form-data",
      "POST /clips/files/multipart/upload_events CompleteMultipartUpload application/json",
    ]);
  });
});
