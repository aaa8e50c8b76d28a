// The runtime's whole error family and `unwrap`/`assertOk`, so callers need no direct dependency on core.
export * from "@clipkit/core/errors";
export { type ServerToServerOAuthOptions, serverToServerOAuth } from "@clipkit/zoom-shared";
export {
  createZoomClipsClient,
  type ZoomClipsClient,
} from "./client.js";
export {
  type Download,
  type DownloadClipOptions,
  type DownloadProgress,
  downloadClip,
} from "./downloads/download-clip.js";
export { FILE_SERVER_PATHS, type FileServerPath, isFileServerPath } from "./file-server.js";
// Each operation's rate-limit category and scopes, and its generated input limits, keyed "<METHOD> <path>".
export { operationInfo, requestSchemas } from "./generated/limits.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  DEFAULT_BASE_URL,
  DEFAULT_FILE_BASE_URL,
  type LeanZoomClipsClient,
  PACKAGE_NAME,
  VERSION,
  type ZoomClipsClientOptions,
} from "./lean-client.js";
export {
  type MultipartBody,
  type MultipartFields,
  multipartBody,
  type UploadClipFileFields,
  type UploadClipFilePartFields,
} from "./multipart.js";
export type {
  Clip,
  ClipsPage,
  ItemOf,
  ListAccountClipsQuery,
  ListClipsQuery,
  ListPath,
  PageOf,
  Paginated,
  PaginateOptions,
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
  validateClipUpdate,
  validatePageSize,
  validateTransferRequest,
} from "./validation.js";
