import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { paths } from "../src/generated/schema.js";
import { ClipKitValidationError, multipartBody } from "../src/index.js";
import { formDataStream } from "../src/uploads/form-data.js";
import { fakeFetch, json } from "./fake-fetch.js";

const boundaryOf = (contentType: string) => contentType.split("boundary=")[1] ?? "";
const text = async (blob: Blob) => new TextDecoder("latin1").decode(await blob.arrayBuffer());

describe("multipartBody: the body of a raw upload call", () => {
  it("encodes as the helpers' formDataStream does, byte for byte, with its own boundary", async () => {
    const file = new Blob([new Uint8Array([0, 1, 250, 255])], { type: "video/mp4" });
    const body = multipartBody({ file, part_number: 3, upload_context: "ctx" });
    const type = body.headers["Content-Type"];
    const streamed = formDataStream(
      { part_number: "3", upload_context: "ctx" },
      { field: "file", filename: "clip.mp4", type: "video/mp4", size: 4, stream: file.stream() },
      boundaryOf(type),
    );
    expect(streamed.contentType).toBe(type);
    const blob = body.bodySerializer();
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(
      new Uint8Array(await new Response(streamed.body).arrayBuffer()),
    );
    expect(blob.size).toBe(streamed.contentLength);
  });

  it.each([
    ["an unnamed Blob", new Blob(["x"]), {}, 'filename="clip.mp4"', "application/octet-stream"],
    ["a filename given", new Blob(["x"]), { filename: "x.webm" }, 'filename="x.webm"', ""],
    ["a File", new File(["x"], "talk.webm", { type: "video/webm" }), {}, "talk.webm", "video/webm"],
  ])("names the file part of %s", async (_given, file, options, name, type) => {
    const encoded = await text(multipartBody({ file }, options).bodySerializer());
    expect(encoded).toContain(name);
    if (type) expect(encoded).toContain(`Content-Type: ${type}\r\n`);
  });

  it("leaves undefined fields out and sends text fields before the file", async () => {
    const encoded = await text(
      multipartBody({
        file: new Blob(["x"]),
        part_number: 1,
        upload_context: undefined as unknown as string,
      }).bodySerializer(),
    );
    expect(encoded).not.toContain("upload_context");
    expect(encoded.indexOf('name="part_number"')).toBeLessThan(encoded.indexOf('name="file"'));
  });

  it("refuses a file part that is not a Blob", () => {
    expect(() => multipartBody({ file: "bytes" as unknown as Blob })).toThrow(
      ClipKitValidationError,
    );
  });

  it("works with a client of plain openapi-fetch too: a Blob body and its Content-Type", async () => {
    const fake = fakeFetch(() => json({ clip_id: "c" }, 201));
    const plain = createClient<paths>({ baseUrl: "https://files.test/v2", fetch: fake.fetch });
    const bytes = new Uint8Array([9, 8, 7]);
    const { data } = await plain.POST(
      "/clips/files",
      multipartBody({ file: new Blob([bytes], { type: "video/mp4" }) }, { filename: "a.mp4" }),
    );
    expect(data).toEqual({ clip_id: "c" });
    const form = await (fake.requests[0] as Request).formData();
    const file = form.get("file") as File;
    expect(file.name).toBe("a.mp4");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });
});
