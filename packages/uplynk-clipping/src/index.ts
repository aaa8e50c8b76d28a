export type { AuthProvider } from "@clipkit/core";
// The runtime's whole error family and `unwrap`/`assertOk`, so callers need no direct dependency on core.
export * from "@clipkit/core/errors";
export {
  createUplynkClippingClient,
  type UplynkClippingClient,
} from "./client.js";
export {
  type CreateDraftClipInput,
  type CreateDraftClipOptions,
  createDraftClip,
  type DraftClipCreated,
  validateDraftClipInput,
} from "./create-draft-clip.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  DEFAULT_BASE_URL,
  type LeanUplynkClippingClient,
  PACKAGE_NAME,
  type UplynkClippingClientOptions,
  uplynkVendor,
  VERSION,
} from "./lean-client.js";
export {
  type ClipCollection,
  type DraftClip,
  type DraftClipCollection,
  type ListClipsOptions,
  type ListOptions,
  listClips,
  listDraftClips,
} from "./list.js";
export { type UplynkSignedParams, type UplynkSignerOptions, uplynkSigner } from "./signing.js";
export {
  type Clip,
  ClipWaitTimeoutError,
  type WaitForClipOptions,
  waitForClip,
} from "./wait-for-clip.js";
