export { type FormDataStream, type FormFile, formDataStream } from "./form-data.js";
export { UPLOAD_DEFAULTS, UPLOAD_LIMITS, type UploadLimits } from "./limits.js";
export {
  isUploadSource,
  mediaTypeFor,
  type NodeReadableLike,
  toUploadSource,
  UPLOAD_SOURCE,
  type UploadInput,
  type UploadSource,
} from "./source.js";
export type { RetryOptions, TransportOptions } from "./transport.js";
export {
  choosePartSize,
  type MultipartUploadState,
  type UploadClipOptions,
  type UploadClipResult,
  type UploadedPartState,
  type UploadProgress,
  uploadClip,
} from "./upload-clip.js";
