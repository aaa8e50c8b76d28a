import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import {
  mayReceiveCredentials,
  serverToServerOAuth,
  ZOOM_API_BASE_URL,
  zoomVendor,
} from "../src/index.js";

describe("Zoom's defaults and rules", () => {
  it("every Zoom client talks to https://api.zoom.us/v2 by default", () => {
    expect(ZOOM_API_BASE_URL).toBe("https://api.zoom.us/v2");
  });

  it("an account ID that is not a string is refused, naming it", () => {
    const error = (() => {
      try {
        serverToServerOAuth({
          accountId: 42 as unknown as string,
          clientId: "id",
          clientSecret: "secret",
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect((error as Error).message).toBe(
      "accountId: give the Zoom account ID of the Server-to-Server OAuth app",
    );
  });

  it("without trusted origins only Zoom's https hosts may receive credentials", () => {
    expect(mayReceiveCredentials("https://fileapi.zoom.us/x")).toBe(true);
    expect(mayReceiveCredentials("https://cdn.example/x")).toBe(false);
  });
});

describe("Zoom error bodies", () => {
  const read = zoomVendor("@clipkit/test", "0.0.0").errorFromBody;
  it.each([
    [undefined, undefined],
    ["Bad gateway", undefined],
    [{ code: 124 }, { code: 124 }],
    [{ code: "E1" }, { code: "E1" }],
    [{ message: "only a message" }, { message: "only a message" }],
    [{ code: true, message: 5 }, undefined],
  ])("%j -> %j", (body, expected) => {
    expect(read?.(body)).toEqual(expected);
  });
});

describe("Zoom rate-limit headers", () => {
  const rateLimit = zoomVendor("@clipkit/test", "0.0.0").rateLimitFromHeaders;
  it.each(["10a", "a10", "1.5", "-1"])("a limit of %j is ignored", (value) => {
    expect(rateLimit?.(new Headers({ "x-ratelimit-limit": value }))).toBeUndefined();
  });
});
