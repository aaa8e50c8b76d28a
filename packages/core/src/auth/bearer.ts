import type { Middleware } from "openapi-fetch";
import { ClipKitValidationError } from "../validation-error.js";
import type { AuthProvider } from "./provider.js";

/** A fixed token, or a function that returns the current one (it may refresh it). */
export type TokenProvider = string | (() => string | Promise<string>);

async function resolveToken(token: TokenProvider): Promise<string> {
  const value = typeof token === "function" ? await token() : token;
  if (typeof value !== "string" || value.trim() === "") {
    throw new ClipKitValidationError("token", "the token provider returned an empty token");
  }
  return value;
}

function assertNotEmpty(token: TokenProvider, who: string): void {
  if (typeof token === "string" && token.trim() === "") {
    throw new ClipKitValidationError("token", `${who}: the token is empty`);
  }
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
