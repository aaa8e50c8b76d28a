import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { formDataStream, UploadSourceError } from "../../src/index.js";
import { randomBoundary } from "../../src/uploads/form-data.js";

const decoder = new TextDecoder();

function streamOf(...chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const file = (stream: ReadableStream<Uint8Array>, size: number | undefined) => ({
  field: "file",
  filename: "a.mp4",
  type: "video/mp4",
  size,
  stream,
});

describe("formDataStream: a streamed multipart/form-data body", () => {
  it("is the text fields, the file part with its headers, and the closing boundary, byte for byte", async () => {
    const form = formDataStream(
      { upload_context: "ctx", part_number: "3" },
      file(streamOf(bytes("abc"), bytes("def")), 6),
      "B",
    );
    const text = decoder.decode(await readAll(form.body));
    expect(text).toBe(
      '--B\r\nContent-Disposition: form-data; name="upload_context"\r\n\r\nctx\r\n' +
        '--B\r\nContent-Disposition: form-data; name="part_number"\r\n\r\n3\r\n' +
        '--B\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\nContent-Type: video/mp4\r\n\r\n' +
        "abcdef\r\n--B--\r\n",
    );
    expect(form.contentType).toBe("multipart/form-data; boundary=B");
    // The length is announced up front, and it is the length of what is sent.
    expect(form.contentLength).toBe(bytes(text).byteLength);
    expect(form.sourceError()).toBeUndefined();
  });

  it("has no length up front when the file's size is unknown", async () => {
    const form = formDataStream({}, file(streamOf(bytes("abc")), undefined), "B");
    expect(form.contentLength).toBeUndefined();
    expect(decoder.decode(await readAll(form.body))).toContain("\r\n\r\nabc\r\n--B--\r\n");
  });

  it("quotes CR, LF and double quotes in names as browsers do (%0D, %0A, %22)", async () => {
    const form = formDataStream(
      { 'a"b\r\nc': "v" },
      { ...file(streamOf(bytes("x")), 1), field: 'f"\r\n', filename: 'x"\ry\nz".mp4' },
      "B",
    );
    const text = decoder.decode(await readAll(form.body));
    expect(text).toContain('name="a%22b%0D%0Ac"');
    expect(text).toContain('name="f%22%0D%0A"; filename="x%22%0Dy%0Az%22.mp4"');
  });

  it("counts each chunk of file bytes as it is handed on, and skips empty chunks", async () => {
    const counted: number[] = [];
    const form = formDataStream(
      {},
      {
        ...file(streamOf(bytes("ab"), new Uint8Array(0), bytes("cde")), 5),
        onBytes: (n) => counted.push(n),
      },
      "B",
    );
    const chunks: number[] = [];
    for await (const chunk of form.body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk.byteLength);
    }
    expect(counted).toEqual([2, 3]);
    // head, "ab", "cde", tail: no empty chunk goes out.
    expect(chunks.slice(1, -1)).toEqual([2, 3]);
  });

  it.each([
    ["shorter than its size", [bytes("abc")], 4, /ended after 3 of the 4 bytes/],
    ["longer than its size", [bytes("abc"), bytes("de")], 4, /longer than the 4 bytes/],
    ["longer than its size in its first chunk", [bytes("abcde")], 4, /longer than the 4 bytes/],
  ])(
    "a file %s fails the body with ClipKitValidationError",
    async (_given, chunks, size, message) => {
      const form = formDataStream({}, file(streamOf(...chunks), size), "B");
      const failure = await readAll(form.body).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ClipKitValidationError);
      expect((failure as ClipKitValidationError).field).toBe("size");
      expect((failure as Error).message).toMatch(message);
      expect(form.sourceError()).toBe(failure);
    },
  );

  it("a file exactly its size ends the body normally", async () => {
    const form = formDataStream({}, file(streamOf(bytes("ab"), bytes("cd")), 4), "B");
    expect(decoder.decode(await readAll(form.body))).toMatch(/abcd\r\n--B--\r\n$/);
  });

  it("stops reading a source that turns out longer than its size", async () => {
    let cancelled: unknown;
    const source = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(bytes("abc")),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const form = formDataStream({}, file(source, 4), "B");
    const failure = await readAll(form.body).catch((e: unknown) => e);
    expect(cancelled).toBe(failure);
  });

  it("a source that fails to read becomes an UploadSourceError with the cause", async () => {
    const cause = new Error("EIO: i/o error");
    const source = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.error(cause),
    });
    const form = formDataStream({}, file(source, 4), "B");
    const failure = await readAll(form.body).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UploadSourceError);
    expect((failure as Error).name).toBe("UploadSourceError");
    expect((failure as Error).message).toBe("reading the upload's source failed: EIO: i/o error");
    expect((failure as Error).cause).toBe(cause);
    expect(form.sourceError()).toBe(failure);
  });

  it("a source failing with a non-Error value says what it was", async () => {
    const source = new ReadableStream<Uint8Array>({ pull: (c) => c.error("disk gone") });
    const failure = await readAll(formDataStream({}, file(source, 4), "B").body).catch(
      (e: unknown) => e,
    );
    expect((failure as Error).message).toBe("reading the upload's source failed: disk gone");
  });

  it("a source failing with one of ClipKit's errors keeps that error", async () => {
    const own = new ClipKitValidationError("source", "read once");
    const source = new ReadableStream<Uint8Array>({ pull: (c) => c.error(own) });
    const form = formDataStream({}, file(source, 4), "B");
    expect(await readAll(form.body).catch((e: unknown) => e)).toBe(own);
  });

  it("cancelling the body cancels the source with the same reason", async () => {
    let cancelled: unknown;
    const source = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(bytes("a")),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const form = formDataStream({}, file(source, 10), "B");
    await form.body.cancel("stop");
    expect(cancelled).toBe("stop");
  });

  it("pulls the source only as the body is read (no read-ahead)", async () => {
    let pulls = 0;
    const source = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          pulls++;
          controller.enqueue(bytes("a"));
        },
      },
      { highWaterMark: 0 },
    );
    const form = formDataStream({}, file(source, 10), "B");
    const reader = form.body.getReader();
    await reader.read(); // the head
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pulls).toBe(0);
    await reader.read();
    expect(pulls).toBe(1);
    await reader.cancel();
  });

  it("a random boundary is a fixed prefix and 32 hex digits, new each time", () => {
    const a = randomBoundary();
    expect(a).toMatch(/^----ClipKitFormBoundary[0-9a-f]{32}$/);
    expect(randomBoundary()).not.toBe(a);
    expect(formDataStream({}, file(streamOf(), 0)).contentType).toMatch(
      /^multipart\/form-data; boundary=----ClipKitFormBoundary[0-9a-f]{32}$/,
    );
  });
});
