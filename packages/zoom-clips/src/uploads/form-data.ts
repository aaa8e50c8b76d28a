import { ClipKitError, ClipKitValidationError } from "@clipkit/core";
import { UploadSourceError } from "./errors.js";

/** The file part of a streamed `multipart/form-data` body. */
export interface FormFile {
  /** The form field name, `file` for Zoom's uploads. */
  field: string;
  filename: string;
  type: string;
  /** Bytes, when known: then the body gets a `Content-Length`. */
  size: number | undefined;
  stream: ReadableStream<Uint8Array>;
  /** Called with each chunk's length as the file bytes are handed to the transport. */
  onBytes?: (bytes: number) => void;
}

export interface FormDataStream {
  body: ReadableStream<Uint8Array>;
  /** `multipart/form-data; boundary=…` */
  contentType: string;
  contentLength: number | undefined;
  /**
   * Set when the file stream itself failed: an `UploadSourceError` for a read error, a
   * `ClipKitValidationError` for a source shorter or longer than its `size`.
   */
  sourceError(): unknown;
}

const encoder = new TextEncoder();

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Quotes a name as browsers do in Content-Disposition (WHATWG's multipart/form-data). */
function quote(value: string): string {
  return value.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
}

export function randomBoundary(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `----ClipKitFormBoundary${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** What a multipart body's framing needs to know of its file part. */
export type FormFileHeader = Pick<FormFile, "field" | "filename" | "type">;

export interface FormDataFraming {
  /** The text fields, then the file part's headers: every byte before the file's. */
  head: Uint8Array<ArrayBuffer>;
  /** The closing boundary: every byte after the file's. */
  tail: Uint8Array<ArrayBuffer>;
  /** `multipart/form-data; boundary=…` */
  contentType: string;
}

/**
 * The bytes around the file of a `multipart/form-data` body: the one place ClipKit writes
 * multipart framing, for the helpers' streamed bodies and `multipartBody`'s alike.
 */
export function formDataFraming(
  fields: Record<string, string>,
  file: FormFileHeader,
  boundary = randomBoundary(),
): FormDataFraming {
  let head = "";
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; ` +
    `filename="${quote(file.filename)}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  return {
    head: encoder.encode(head),
    tail: encoder.encode(`\r\n--${boundary}--\r\n`),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * A `multipart/form-data` body built as a stream: the text fields, then the file's headers,
 * the file bytes as they are read (never all in memory) and the closing boundary. Its length
 * is known up front when the file's size is.
 */
export function formDataStream(
  fields: Record<string, string>,
  file: FormFile,
  boundary = randomBoundary(),
): FormDataStream {
  const { head: headBytes, tail: tailBytes, contentType } = formDataFraming(fields, file, boundary);
  const reader = file.stream.getReader();
  let stage: "head" | "file" | "tail" | "done" = "head";
  let failure: unknown;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (stage === "head") {
          stage = "file";
          controller.enqueue(headBytes);
          return;
        }
        if (stage === "file") {
          let chunk: ReadableStreamReadResult<Uint8Array>;
          // An empty chunk moves nothing: read on, or this pull would end without a chunk and
          // the body would never be pulled again.
          do {
            try {
              chunk = await reader.read();
            } catch (error) {
              failure =
                error instanceof ClipKitError
                  ? error
                  : new UploadSourceError(
                      `reading the upload's source failed: ${messageOf(error)}`,
                      {
                        cause: error,
                      },
                    );
              controller.error(failure);
              return;
            }
          } while (!chunk.done && chunk.value.byteLength === 0);
          if (!chunk.done) {
            const length = chunk.value.byteLength;
            if (file.size !== undefined && sent + length > file.size) {
              failure = new ClipKitValidationError(
                "size",
                `the source is longer than the ${file.size} bytes it was given`,
              );
              controller.error(failure);
              reader.cancel(failure).catch(() => {});
              return;
            }
            sent += length;
            controller.enqueue(chunk.value);
            file.onBytes?.(length);
            return;
          }
          if (file.size !== undefined && sent !== file.size) {
            failure = new ClipKitValidationError(
              "size",
              `the source ended after ${sent} of the ${file.size} bytes it was given`,
            );
            controller.error(failure);
            return;
          }
          stage = "tail";
        }
        if (stage === "tail") {
          stage = "done";
          controller.enqueue(tailBytes);
          return;
        }
        controller.close();
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return {
    body,
    contentType,
    contentLength:
      file.size === undefined ? undefined : headBytes.byteLength + file.size + tailBytes.byteLength,
    sourceError: () => failure,
  };
}
