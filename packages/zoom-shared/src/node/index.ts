/**
 * The Node.js entry point (`@clipkit/zoom-shared/node`): what touches the file system, shared
 * by the Zoom packages' own Node entries. The main entry stays runtime-neutral.
 */
export {
  type DownloadToFileOptions,
  type DownloadToFileResult,
  downloadToFile,
  type OpenAt,
} from "./download-to-file.js";
