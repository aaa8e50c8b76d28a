import type { Middleware } from "openapi-fetch";

/** A fixed token, or a function that returns the current one (it may refresh it). */
export type TokenProvider = string | (() => string | Promise<string>);

/** Sends `Authorization: Bearer <token>` with every request. */
export function bearerAuth(token: TokenProvider): Middleware {
  if (typeof token === "string" && token.trim() === "") {
    throw new TypeError("bearerAuth: the token is empty");
  }
  return {
    async onRequest({ request }) {
      const value = typeof token === "function" ? await token() : token;
      request.headers.set("Authorization", `Bearer ${value}`);
      return request;
    },
  };
}
