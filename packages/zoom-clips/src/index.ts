export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ClipKitError,
  ClipKitValidationError,
  NotFoundError,
  PaginationLoopError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  unwrap,
} from "@clipkit/core";
export { type ServerToServerOAuthOptions, serverToServerOAuth } from "@clipkit/zoom-shared";
export {
  createZoomClipsClient,
  DEFAULT_BASE_URL,
  DEFAULT_FILE_BASE_URL,
  fileServerRouting,
  PACKAGE_NAME,
  VERSION,
  type ZoomClipsClient,
  type ZoomClipsClientOptions,
} from "./client.js";
export {
  type Download,
  type DownloadClipOptions,
  type DownloadProgress,
  downloadClip,
} from "./downloads/download-clip.js";
export { FILE_SERVER_PATHS, type FileServerPath, isFileServerPath } from "./file-server.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  type MultipartFields,
  multipartBody,
  toFormData,
  type UploadClipFileFields,
  type UploadClipFilePartFields,
} from "./multipart.js";
export {
  type Clip,
  type ClipsPage,
  type ListAccountClipsQuery,
  type ListClipsQuery,
  type Paginated,
  type PaginateOptions,
  paginateAccountClips,
  paginateClips,
} from "./paginate.js";
export {
  type Transfer,
  TransferFailedError,
  type TransferRequest,
  type TransferStatus,
  type TransferTask,
  TransferTimeoutError,
  transferClips,
  WAIT_FOR_TRANSFER_DEFAULTS,
  type WaitForTransferOptions,
  waitForTransfer,
} from "./transfer.js";
export * from "./uploads/index.js";
export {
  LIMITS,
  requestValidation,
  validateClipUpdate,
  validatePageSize,
  validateTransferRequest,
} from "./validation.js";
