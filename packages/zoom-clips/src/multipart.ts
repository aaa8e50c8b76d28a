import { ClipKitValidationError } from "@clipkit/core";
import { FILE_ROUTE } from "./file-server.js";
import type { components } from "./generated/schema.js";
import { formDataFraming, formDataStream, randomBoundary } from "./uploads/form-data.js";
import { rawFileRoute } from "./uploads/raw-file-route.js";

type Schemas = components["schemas"];
/** A multipart body's fields as the caller gives them: the `file` part as a Blob. */
export type MultipartFields<T> = { [K in keyof T]: K extends "file" ? Blob : T[K] };
export type UploadClipFileFields = MultipartFields<Schemas["ClipFileUpload"]>;
export type UploadClipFilePartFields = MultipartFields<Schemas["ClipFilePartUpload"]>;

/**
 * What `multipartBody` gives a raw upload call. A type, not an interface: openapi-fetch's
 * options take an object with an index signature, which only a type literal satisfies.
 */
export type MultipartBody = {
  /** The fields; openapi-fetch hands them to `bodySerializer` only. */
  body: never;
  /** The encoded body as a Blob (lazy: the file's bytes are not copied). */
  bodySerializer: () => Blob;
  /** `Content-Type: multipart/form-data; boundary=…` */
  headers: { "Content-Type": string };
};

/**
 * The `body`, `bodySerializer` and `headers` of a raw upload call. The generated types
 * describe the `file` part as a (binary) string; this takes a Blob (a `File` keeps its name,
 * else `filename`, default `clip.mp4`) and sends `multipart/form-data` as the upload helpers
 * do — text fields first, then the file, through the helpers' encoder and on their route
 * (redirects, credentials, the idle limit), streamed from the Blob on each attempt:
 *
 *   client.POST("/clips/files", multipartBody({ file: new Blob([bytes], { type: "video/mp4" }) }))
 */
export function multipartBody(
  fields: UploadClipFileFields | UploadClipFilePartFields,
  options: { filename?: string } = {},
): MultipartBody {
  const { file, ...rest } = fields as { file: unknown } & Record<string, unknown>;
  if (!(file instanceof Blob)) {
    throw new ClipKitValidationError("file", "the file part must be a Blob (or a File)");
  }
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (value !== undefined) text[name] = String(value);
  }
  const part = {
    field: "file",
    filename: file instanceof File ? file.name : (options.filename ?? "clip.mp4"),
    type: file.type || "application/octet-stream",
  };
  const boundary = randomBoundary();
  const { head, tail, contentType } = formDataFraming(text, part, boundary);
  const route = rawFileRoute(() =>
    formDataStream(text, { ...part, size: file.size, stream: file.stream() }, boundary),
  );
  return {
    body: fields as never,
    // What a client of plain openapi-fetch sends; a ClipKit client takes FILE_ROUTE instead.
    bodySerializer: () => new Blob([head, file, tail], { type: contentType }),
    headers: { "Content-Type": contentType },
    [FILE_ROUTE]: route,
  } as MultipartBody;
}
