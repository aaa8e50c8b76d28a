import { describe, expect, it } from "vitest";
import {
  bearerAuth,
  bearerToken,
  ClipKitValidationError,
  toAuthProvider,
} from "../../src/index.js";
import { pipelineOf } from "../../src/internal.js";
import { refusal } from "../helpers/refusal.js";

const HEADER_MESSAGE =
  "the token holds characters an HTTP header cannot carry (a space, a newline, non-ASCII); check how it was read";

describe("bearer token rules", () => {
  it.each(["", " ", "\t\n"])("%j is refused up front as empty, naming bearerToken", (token) => {
    const error = refusal(() => bearerToken(token));
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error.field).toBe("bearerToken token");
    expect(error.message).toBe("bearerToken token: the token is empty");
  });

  it.each(["a b", " abc", "abc ", "éabc", "abcé", "abc\n"])(
    "%j cannot travel in a header: refused without quoting it",
    (token) => {
      const error = refusal(() => bearerToken(token));
      expect(error.field).toBe("bearerToken token");
      expect(error.message).toBe(`bearerToken token: ${HEADER_MESSAGE}`);
    },
  );

  it("bearerAuth names itself in its refusal", () => {
    expect(refusal(() => bearerAuth(" ")).field).toBe("bearerAuth token");
  });

  it("a token function's bad value is refused at the request, field 'token'", async () => {
    const error = (await bearerToken(() => "a b")
      .authorize(new Request("http://x/"), { forceRefresh: false })
      .catch((e: unknown) => e)) as ClipKitValidationError;
    expect(error.field).toBe("token");
    expect(error.message).toBe(`token: ${HEADER_MESSAGE}`);
  });

  it("a token that is no string (an unset environment variable) is refused when built", () => {
    const unset = refusal(() => bearerToken(undefined as unknown as string));
    expect(unset).toBeInstanceOf(ClipKitValidationError);
    expect(unset.field).toBe("bearerToken token");
    expect(refusal(() => toAuthProvider(null as unknown as string))).toBeInstanceOf(
      ClipKitValidationError,
    );
    const own = { authorize: async (request: Request) => request };
    expect(toAuthProvider(own)).toBe(own);
  });

  it("pipelineOf refuses an object that is not a client", () => {
    expect(() => pipelineOf({})).toThrow(new TypeError("not a client made by createApiClient"));
  });
});
