export { UploadSourceError } from "./errors.js";
export { type FormDataStream, type FormFile, formDataStream } from "./form-data.js";
export { UPLOAD_DEFAULTS, UPLOAD_LIMITS, type UploadLimits } from "./limits.js";
export { choosePartSize } from "./plan.js";
export {
  CLIP_FILE_TYPES,
  isUploadSource,
  mediaTypeFor,
  type NodeReadableLike,
  toUploadSource,
  UPLOAD_SOURCE,
  type UploadInput,
  type UploadSource,
} from "./source.js";
export type { MultipartUploadState, UploadedPartState } from "./state.js";
export {
  type UploadClipOptions,
  type UploadClipResult,
  type UploadProgress,
  uploadClip,
} from "./upload-clip.js";
