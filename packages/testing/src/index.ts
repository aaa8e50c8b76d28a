export { createClock, type FakeClock } from "./clock.js";
export type { FaultRequest, FaultScope, FaultSwitches, FaultTarget } from "./faults.js";
export { freePort } from "./http/free-port.js";
export { MultipartParser, type PartSink, partName } from "./http/multipart-parser.js";
export {
  connectMock,
  jestGlobalSetup,
  jestGlobalTeardown,
  vitestGlobalSetup,
} from "./mock/global-setup.js";
export {
  type ClientOptionsFor,
  type FakeOptions,
  type Fakes,
  type Mock,
  type MockInfo,
  type MockMode,
  type StartMockOptions,
  startMock,
} from "./mock/start-mock.js";
export { type PrismOptions, type PrismServer, startPrism } from "./prism/start-prism.js";
export { SpecViolationError, strictFetch } from "./prism/strict-fetch.js";
export { specPath } from "./spec/spec-file.js";
export { loadSpec, MOCK_APIS, type MockApi } from "./spec/specs.js";
export {
  type FakeDraft,
  startUplynkFake,
  type UplynkFake,
  type UplynkFakeOptions,
  type UplynkRequest,
} from "./uplynk/uplynk-fake.js";
export type { AccountRateLimitOptions, FakeRatePlan } from "./zoom/account-rate-limits.js";
export type { CdnRequest } from "./zoom/cdn.js";
export type { ZoomAppCredentials } from "./zoom/oauth.js";
export type { RecordedRequest, ZoomHostOptions } from "./zoom/zoom-hosts.js";
export type { ClipDataOptions, FakeClip } from "./zoom-clips/clip-data.js";
export {
  type FakeTransfer,
  startZoomClipsFake,
  type ZoomClipsFake,
  type ZoomClipsFakeOptions,
  type ZoomClipsFakeState,
} from "./zoom-clips/clips-fake.js";
export type {
  FakeUpload,
  UploadedFile,
  UploadedPart,
  UploadRules,
} from "./zoom-clips/upload-routes.js";
export type {
  FakeMeeting,
  FakeRecordingFile,
  FakeUser,
  FakeUserStatus,
  RecordingDataOptions,
} from "./zoom-recordings/data.js";
export type { WebhookAttempt } from "./zoom-recordings/webhook-delivery.js";
export {
  startZoomFake,
  type ZoomFake,
  type ZoomFakeFile,
  type ZoomFakeOptions,
  type ZoomFakeState,
  type ZoomFakeWebhooks,
} from "./zoom-recordings/zoom-fake.js";
export { type ZoomWebhookExample, zoomWebhookExamples } from "./zoom-webhooks/examples.js";
export {
  type SendOptions,
  type SignedZoomWebhook,
  type SignOptions,
  sendZoomWebhook,
  signZoomWebhook,
} from "./zoom-webhooks/sign.js";
