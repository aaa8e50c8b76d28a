/**
 * The Node.js entry point (`@clipkit/zoom-cloud-recording/node`): downloads to the file
 * system. The main entry stays runtime-neutral.
 */
export {
  type DownloadRecordingFileOptions,
  downloadRecordingFile,
  type RecordingFileResult,
} from "../download-recording-file.js";
