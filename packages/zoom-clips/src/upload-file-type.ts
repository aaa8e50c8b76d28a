import { ClipKitValidationError } from "@clipkit/core";
import { requestSchemas } from "./generated/limits.js";

/**
 * The media types the spec allows for an uploaded file (`encoding.file.contentType` of
 * `POST /clips/files`): Zoom Clips takes MP4 and WebM, and `application/octet-stream` for
 * bytes whose type the sender does not know.
 */
export const UPLOAD_MEDIA_TYPES: readonly string[] = requestSchemas["POST /clips/files"].body
  .encoding.file as readonly string[];

const VIDEO_TYPES = UPLOAD_MEDIA_TYPES.filter((type) => type.startsWith("video/"));
const UNKNOWN = "application/octet-stream";

const baseType = (type: string) => type.split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * Refuses, before anything is sent, an upload the API would not take: a declared media type
 * outside the spec's list (`text/plain`, `video/x-msvideo`), or a file name whose extension
 * names another type (`.txt`, `.avi`). `typeOfName` maps a name to a media type, or to
 * `application/octet-stream` when it does not know the extension.
 */
export function checkUploadFileType(
  fileName: string,
  contentType: string | undefined,
  typeOfName: (name: string) => string,
): void {
  const declared =
    contentType === undefined || contentType === "" ? undefined : baseType(contentType);
  if (declared !== undefined && !UPLOAD_MEDIA_TYPES.includes(declared)) {
    throw new ClipKitValidationError(
      "contentType",
      `${declared} cannot be uploaded; Zoom Clips takes ${VIDEO_TYPES.join(" or ")}`,
    );
  }
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1];
  if (extension === undefined) return;
  const named = typeOfName(fileName);
  if (!VIDEO_TYPES.includes(named)) {
    throw new ClipKitValidationError(
      "fileName",
      `${JSON.stringify(fileName)}: .${extension} files cannot be uploaded; Zoom Clips takes ${VIDEO_TYPES.join(" or ")}`,
    );
  }
  if (declared !== undefined && declared !== UNKNOWN && declared !== named) {
    throw new ClipKitValidationError(
      "contentType",
      `${declared} does not match the file name ${JSON.stringify(fileName)} (${named})`,
    );
  }
}
