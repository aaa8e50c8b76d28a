export { ZOOM_API_BASE_URL, type ZoomClientOptions } from "./client-options.js";
export {
  continueDownload,
  type Download,
  DownloadChangedError,
  type DownloadOptions,
  type DownloadProgress,
  IncompleteDownloadError,
  openDownload,
} from "./download.js";
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
export { ZOOM_INVALID_TOKEN_CODE, zoomVendor } from "./vendor.js";
