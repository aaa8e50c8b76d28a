export { ClipKitError } from "@clipkit/core";
export {
  DEFAULT_DEDUPE_ENTRIES,
  type DedupeStore,
  eventKey,
  memoryDedupe,
} from "./dedupe.js";
export { REFUSAL_STATUS, type ZoomWebhookRefusal, ZoomWebhookVerificationError } from "./errors.js";
export {
  type KnownZoomWebhookEvent,
  redactEvent,
  type UnknownZoomWebhookEvent,
  ZOOM_WEBHOOK_EVENTS,
  type ZoomWebhookBody,
  type ZoomWebhookEvent,
  type ZoomWebhookEventName,
} from "./events.js";
export type { webhooks } from "./generated/schema.js";
export {
  createZoomWebhookHandler,
  type HandlerContext,
  type ZoomEventListener,
  type ZoomListenableEvent,
  type ZoomWebhookHandler,
  type ZoomWebhookHandlerOptions,
} from "./handler.js";
export { hmacHex, zoomSignature } from "./signature.js";
export { answerUrlValidation, type UrlValidationAnswer } from "./url-validation.js";
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TOLERANCE_SECONDS,
  type HeadersInput,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type VerifyOptions,
  verifyZoomWebhook,
} from "./verify.js";
export { PACKAGE_NAME, VERSION } from "./version.js";
