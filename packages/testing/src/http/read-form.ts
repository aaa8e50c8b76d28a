import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { MultipartParser, partName } from "./multipart-parser.js";

export interface FormFile {
  size: number;
  sha256: string;
  /** The bytes, when the reader keeps them. */
  bytes?: Buffer;
  filename?: string;
  contentType?: string;
}

export interface ParsedForm {
  fields: Record<string, string>;
  /** The parts with a filename, by field name. */
  files: Record<string, FormFile>;
}

export interface FormReadOptions {
  /** Keep the file's bytes (default) or only count and hash them as they stream in. */
  keepBytes?: boolean;
  /** Runs as each text field completes (e.g. to pick a fault by `part_number`). */
  onField?(name: string, value: string): void;
  /** Runs after each chunk of a file part, with that part's bytes read so far. */
  onFileBytes?(size: number): void;
}

/**
 * Reads a `multipart/form-data` body as it streams in: text parts as strings, file parts (those
 * with a filename) hashed, and kept unless `keepBytes` is false (a bench's gigabytes then never
 * sit in memory).
 * Undefined when the body is not multipart, is malformed, or the connection went away.
 */
export function readMultipartForm(
  req: IncomingMessage,
  options: FormReadOptions = {},
): Promise<ParsedForm | undefined> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers["content-type"] ?? "");
  if (!boundary) return Promise.resolve(undefined);
  const keep = options.keepBytes ?? true;
  const form: ParsedForm = { fields: {}, files: {} };
  const parser = new MultipartParser(boundary[1] ?? boundary[2] ?? "", (headers) => {
    const { name, filename } = partName(headers["content-disposition"]);
    if (filename !== undefined) {
      const hash = createHash("sha256");
      const chunks: Buffer[] = [];
      let size = 0;
      return {
        write(chunk) {
          size += chunk.length;
          hash.update(chunk);
          if (keep) chunks.push(Buffer.from(chunk));
          options.onFileBytes?.(size);
        },
        end() {
          if (name === undefined) return;
          form.files[name] = {
            ...(keep ? { bytes: Buffer.concat(chunks) } : {}),
            size,
            sha256: hash.digest("hex"),
            filename,
            ...(headers["content-type"] ? { contentType: headers["content-type"] } : {}),
          };
        },
      };
    }
    const chunks: Buffer[] = [];
    return {
      write: (chunk) => chunks.push(Buffer.from(chunk)),
      end() {
        if (name === undefined) return;
        const value = Buffer.concat(chunks).toString("utf8");
        form.fields[name] = value;
        options.onField?.(name, value);
      },
    };
  });
  return new Promise((resolve) => {
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed || req.destroyed) return;
      try {
        parser.write(chunk);
      } catch {
        failed = true;
      }
    });
    req.on("end", () => resolve(failed || !parser.finished ? undefined : form));
    req.on("error", () => resolve(undefined));
    req.on("close", () => {
      if (!req.complete) resolve(undefined);
    });
  });
}
