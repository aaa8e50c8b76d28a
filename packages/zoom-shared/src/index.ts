export { type ServerToServerOAuthOptions, serverToServerOAuth, ZOOM_TOKEN_URL } from "./oauth.js";
export { ZOOM_INVALID_TOKEN_CODE, zoomVendor } from "./vendor.js";
