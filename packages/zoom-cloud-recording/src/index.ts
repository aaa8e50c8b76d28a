export {
  createZoomCloudRecordingClient,
  DEFAULT_BASE_URL,
  PACKAGE_NAME,
  VERSION,
  type ZoomCloudRecordingClient,
  type ZoomCloudRecordingClientOptions,
} from "./client.js";
export { type DateWindow, dateWindows } from "./date-windows.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  type ListAllRecordingsOptions,
  listAllRecordings,
  type RecordingMeeting,
  ZoomRecordingsError,
} from "./list-all-recordings.js";
