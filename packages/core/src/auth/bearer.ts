import type { Middleware } from "openapi-fetch";
import { ClipKitValidationError } from "../errors/validation-error.js";
import type { AuthProvider } from "./provider.js";

/** A fixed token, or a function that returns the current one (it may refresh it). */
export type TokenProvider = string | (() => string | Promise<string>);

// RFC 6750's b64token, widened to every visible ASCII character: what a header can carry.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * `value` when it can be sent as a bearer token. The message never quotes it: a token with a
 * newline would otherwise end up whole in an error (the platform quotes bad header values).
 */
export function checkToken(value: unknown, field = "token"): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ClipKitValidationError(field, "the token is empty");
  }
  if (!HEADER_SAFE.test(value)) {
    throw new ClipKitValidationError(
      field,
      "the token holds characters an HTTP header cannot carry (a space, a newline, non-ASCII); check how it was read",
    );
  }
  return value;
}

async function resolveToken(token: TokenProvider): Promise<string> {
  return checkToken(typeof token === "function" ? await token() : token);
}

/** A token given as a value is checked at once: `bearerToken(process.env.TOKEN)` with it unset, say. */
function assertNotEmpty(token: TokenProvider, who: string): void {
  if (typeof token !== "function") checkToken(token, `${who} token`);
}

/** Sends `Authorization: Bearer <token>`; a function is asked again on every attempt. */
export function bearerToken(token: TokenProvider): AuthProvider {
  assertNotEmpty(token, "bearerToken");
  return {
    async authorize(request) {
      request.headers.set("Authorization", `Bearer ${await resolveToken(token)}`);
      return request;
    },
  };
}

/** An `AuthProvider` as is; a token or token function as `bearerToken`. */
export function toAuthProvider(auth: AuthProvider | TokenProvider): AuthProvider {
  return typeof auth === "object" && auth !== null ? auth : bearerToken(auth);
}

/**
 * The bearer token as an openapi-fetch middleware, for clients built with `createClient`
 * directly. Prefer `createApiClient({ auth: bearerToken(...) })`, which never sends the
 * token to another origin.
 */
export function bearerAuth(token: TokenProvider): Middleware {
  assertNotEmpty(token, "bearerAuth");
  const provider = bearerToken(token);
  return {
    onRequest: ({ request }) => provider.authorize(request, { forceRefresh: false }),
  };
}
