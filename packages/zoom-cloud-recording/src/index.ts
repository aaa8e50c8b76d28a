// The runtime's whole error family and `unwrap`/`assertOk`, so callers need no direct dependency on core.
export * from "@clipkit/core/errors";
export { type ServerToServerOAuthOptions, serverToServerOAuth } from "@clipkit/zoom-shared";
export {
  createZoomCloudRecordingClient,
  type ListedRecordingMeeting,
  type PaginateRecordingsOptions,
  type RecordingsPage,
  type ZoomCloudRecordingClient,
} from "./client.js";
export { type DateWindow, dateWindows } from "./date-windows.js";
// Each operation's rate-limit category and scopes, and its generated input limits, keyed "<METHOD> <path>".
export { operationInfo, requestSchemas } from "./generated/limits.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  DEFAULT_BASE_URL,
  type LeanZoomCloudRecordingClient,
  PACKAGE_NAME,
  VERSION,
  type ZoomCloudRecordingClientOptions,
} from "./lean-client.js";
export {
  type ArchivedRecordingFile,
  type ListAllRecordingFilesOptions,
  listAllRecordingFiles,
  type RecordingFile,
} from "./list-all-recording-files.js";
export {
  type ListAllRecordingsOptions,
  listAllRecordings,
  type RecordingMeeting,
  ZoomRecordingsError,
} from "./list-all-recordings.js";
export { needsDoubleEncoding, zoomPathSerializer } from "./meeting-path.js";
export {
  normalizeRecordingMeeting,
  type RecordingMeetingType,
} from "./normalize-recording-meeting.js";
