import { MultipartParser } from "@clipkit/testing";
import { describe, expect, it } from "vitest";
import { formDataStream } from "../../src/index.js";
import { makeBytes } from "./helpers.js";

/** The fake server's parser: every byte-exact upload test rests on it. */
describe("MultipartParser", () => {
  const boundary = "----ClipKitFormBoundaryx";
  // File bytes full of near-delimiters: a split delimiter must never be mistaken for data.
  const nearMisses = Buffer.from(
    `\r\n--${boundary.slice(0, 10)}\r\r\n-\r\n--${boundary.slice(0, -1)}`,
  );
  const file = Buffer.concat([nearMisses, Buffer.from(makeBytes(5000, 4)), nearMisses]);

  async function body(): Promise<Buffer> {
    const form = formDataStream(
      { part_number: "3" },
      {
        field: "file",
        filename: "a.mp4",
        type: "video/mp4",
        size: file.length,
        stream: new Blob([file]).stream(),
      },
      boundary,
    );
    return Buffer.from(await new Response(form.body).arrayBuffer());
  }

  it.each([1, 2, 3, 7, 31, 64, 1000, 1 << 20])(
    "reads fields and file in chunks of %i bytes",
    async (size) => {
      const whole = await body();
      const parts: Record<string, Buffer[]> = {};
      const parser = new MultipartParser(boundary, (headers) => {
        const name = /name="([^"]*)"/.exec(headers["content-disposition"] ?? "")?.[1] ?? "?";
        parts[name] = [];
        return { write: (chunk) => parts[name]?.push(Buffer.from(chunk)), end: () => {} };
      });
      for (let at = 0; at < whole.length; at += size) parser.write(whole.subarray(at, at + size));
      expect(parser.finished).toBe(true);
      expect(Buffer.concat(parts.part_number ?? []).toString()).toBe("3");
      expect(Buffer.concat(parts.file ?? []).equals(file)).toBe(true);
    },
  );
});
