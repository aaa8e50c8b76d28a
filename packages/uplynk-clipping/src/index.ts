export {
  createUplynkClippingClient,
  DEFAULT_BASE_URL,
  type UplynkClippingClient,
  type UplynkClippingClientOptions,
  type UplynkLogger,
  uplynkVendor,
} from "./client.js";
export {
  type CreateDraftClipInput,
  type CreateDraftClipOptions,
  createDraftClip,
  type DraftClipCreated,
  validateDraftClipInput,
} from "./create-draft-clip.js";
export { redactUrl, UplynkApiError, unwrap } from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  type DraftClip,
  type ListClipsOptions,
  type ListOptions,
  listClips,
  listDraftClips,
} from "./list.js";
export {
  type UplynkAuthProvider,
  type UplynkSignedParams,
  type UplynkSignerOptions,
  uplynkSigner,
} from "./signing.js";
export { UplynkTimeoutError } from "./transport.js";
export {
  type Clip,
  ClipWaitTimeoutError,
  type WaitForClipOptions,
  waitForClip,
} from "./wait-for-clip.js";
