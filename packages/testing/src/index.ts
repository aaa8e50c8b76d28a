export { createClock, type FakeClock } from "./clock.js";
export type { FaultSwitches, FaultTarget } from "./faults.js";
export type { CdnRequest } from "./zoom-recordings/cdn.js";
export type {
  FakeMeeting,
  FakeRecordingFile,
  FakeUser,
  RecordingDataOptions,
} from "./zoom-recordings/data.js";
export {
  type RecordedRequest,
  startZoomFake,
  type ZoomFake,
  type ZoomFakeFile,
  type ZoomFakeOptions,
  type ZoomFakeState,
} from "./zoom-recordings/zoom-fake.js";
