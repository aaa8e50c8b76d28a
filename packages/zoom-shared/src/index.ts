// Downloads are part of core's request lifecycle; the names stay here for the Zoom packages.

export {
  DownloadChangedError,
  type DownloadProgress,
  IncompleteDownloadError,
} from "@clipkit/core";
export {
  continueDownload,
  type Download,
  type DownloadOptions,
  openDownload,
} from "@clipkit/core/internal";
export { ZOOM_API_BASE_URL, type ZoomClientOptions } from "./client-options.js";
export { type ServerToServerOAuthOptions, serverToServerOAuth, ZOOM_TOKEN_URL } from "./oauth.js";
export {
  CREDENTIAL_HEADERS,
  DEFAULT_MAX_REDIRECTS,
  type FollowRedirectsOptions,
  followRedirects,
  headersForHop,
  isZoomHost,
  mayReceiveCredentials,
  REDIRECT_STATUSES,
  RedirectError,
  redirectTarget,
  zoomCredentialRule,
} from "./redirects.js";
export { ZOOM_INVALID_TOKEN_CODE, ZOOM_MISSING_SCOPES_CODE, zoomVendor } from "./vendor.js";
export { createZoomApiClient, type ZoomApi } from "./zoom-client.js";
