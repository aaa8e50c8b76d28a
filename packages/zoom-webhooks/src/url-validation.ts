import { hmacHex } from "./signature.js";

/** The answer to `endpoint.url_validation`, as Zoom's "Using webhooks" page specifies it. */
export interface UrlValidationAnswer {
  plainToken: string;
  /** Hex HMAC-SHA256 of `plainToken` keyed with the secret token. */
  encryptedToken: string;
}

export async function answerUrlValidation(
  plainToken: string,
  secret: string,
): Promise<UrlValidationAnswer> {
  return { plainToken, encryptedToken: await hmacHex(secret, plainToken) };
}
