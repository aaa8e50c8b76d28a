import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];
/** A multipart body's fields as the caller gives them: the `file` part as a Blob. */
export type MultipartFields<T> = { [K in keyof T]: K extends "file" ? Blob : T[K] };
export type UploadClipFileFields = MultipartFields<Schemas["ClipFileUpload"]>;
export type UploadClipFilePartFields = MultipartFields<Schemas["ClipFilePartUpload"]>;

/** Builds the FormData of an upload: Blobs become file parts, everything else text fields. */
export function toFormData(fields: object, filename = "clip.mp4"): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value instanceof Blob)
      form.append(name, value, value instanceof File ? value.name : filename);
    else form.append(name, String(value));
  }
  return form;
}

/**
 * The `body` and `bodySerializer` for a raw upload call. The generated types describe the
 * `file` part as a (binary) string; this takes a Blob and sends real `multipart/form-data`:
 *
 *   client.POST("/clips/files", multipartBody({ file: new Blob([bytes], { type: "video/mp4" }) }))
 */
export function multipartBody(
  fields: UploadClipFileFields | UploadClipFilePartFields,
  options: { filename?: string } = {},
): { body: never; bodySerializer: () => FormData } {
  return {
    // The real body is the FormData below; openapi-fetch hands `body` only to the serializer.
    body: fields as never,
    bodySerializer: () => toFormData(fields, options.filename),
  };
}
