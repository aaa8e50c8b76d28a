export {
  createZoomClipsClient,
  DEFAULT_BASE_URL,
  DEFAULT_FILE_BASE_URL,
  fileServerRouting,
  type ZoomClipsClient,
  type ZoomClipsClientOptions,
} from "./client.js";
export { FILE_SERVER_PATHS, type FileServerPath, isFileServerPath } from "./file-server.js";
export type { components, operations, paths } from "./generated/schema.js";
