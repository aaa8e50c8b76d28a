import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { MultipartParser, partName } from "./multipart-parser.js";

export interface FormFile {
  bytes: Buffer;
  size: number;
  sha256: string;
  filename?: string;
  contentType?: string;
}

export interface ParsedForm {
  fields: Record<string, string>;
  files: Record<string, FormFile>;
}

/**
 * Reads a whole `multipart/form-data` body: text parts as strings, file parts (those with a
 * filename) as bytes with their hash. Undefined when the body is not multipart or malformed.
 */
export function readMultipartForm(req: IncomingMessage): Promise<ParsedForm | undefined> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers["content-type"] ?? "");
  if (!boundary) return Promise.resolve(undefined);
  const form: ParsedForm = { fields: {}, files: {} };
  const parser = new MultipartParser(boundary[1] ?? boundary[2] ?? "", (headers) => {
    const { name, filename } = partName(headers["content-disposition"]);
    const chunks: Buffer[] = [];
    return {
      write: (chunk) => chunks.push(Buffer.from(chunk)),
      end() {
        if (name === undefined) return;
        const bytes = Buffer.concat(chunks);
        if (filename === undefined) {
          form.fields[name] = bytes.toString("utf8");
          return;
        }
        form.files[name] = {
          bytes,
          size: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          filename,
          ...(headers["content-type"] ? { contentType: headers["content-type"] } : {}),
        };
      },
    };
  });
  return new Promise((resolve) => {
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      try {
        parser.write(chunk);
      } catch {
        failed = true;
      }
    });
    req.on("end", () => resolve(failed || !parser.finished ? undefined : form));
    req.on("error", () => resolve(undefined));
  });
}
