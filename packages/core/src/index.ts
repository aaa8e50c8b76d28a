export { bearerAuth, type TokenProvider } from "./auth/bearer.js";
export { ClipKitValidationError } from "./validation-error.js";
