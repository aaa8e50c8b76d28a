import { describe, expect, it } from "vitest";
import { zoomVendor } from "../src/index.js";

const vendor = zoomVendor("@clipkit/zoom-clips", "0.1.0");

describe("zoomVendor", () => {
  it("names the package in the user agent and reads x-zm-trackingid", () => {
    expect(vendor.userAgent).toBe("@clipkit/zoom-clips/0.1.0");
    expect(vendor.requestIdHeader).toBe("x-zm-trackingid");
  });

  it.each([
    {
      given: { code: 300, message: "Invalid parameter" },
      want: { code: 300, message: "Invalid parameter" },
    },
    { given: { message: "only a message" }, want: { message: "only a message" } },
    { given: { unrelated: true }, want: undefined },
    { given: "<html>", want: undefined },
    { given: null, want: undefined },
  ])("errorFromBody($given)", ({ given, want }) => {
    expect(vendor.errorFromBody?.(given)).toEqual(want);
  });

  it.each([
    { status: 401, body: { code: 124, message: "Invalid access token." }, want: true },
    { status: 401, body: { code: 4711 }, want: false },
    { status: 401, body: "", want: false },
    { status: 400, body: { code: 124 }, want: false },
  ])("isAuthFailure($status, $body) = $want", ({ status, body, want }) => {
    expect(vendor.isAuthFailure?.(new Response(null, { status }), body)).toBe(want);
  });

  it.each([
    {
      status: 400,
      body: { code: 4711, message: "Invalid access token, does not contain scopes:[a]." },
      want: true,
    },
    { status: 401, body: { code: 4711 }, want: true },
    {
      status: 401,
      body: { code: 4700, message: "Invalid access token, does not contain scopes: [a]." },
      want: true,
    },
    { status: 403, body: { code: 4711 }, want: false },
    { status: 400, body: { code: 300, message: "Invalid parameter" }, want: false },
    { status: 401, body: { code: 124, message: "Invalid access token." }, want: false },
    { status: 400, body: "<html>", want: false },
  ])("isMissingScopes($status, $body) = $want", ({ status, body, want }) => {
    expect(vendor.isMissingScopes?.(new Response(null, { status }), body)).toBe(want);
  });

  it.each<{ given: Record<string, string>; want: object | undefined }>([
    {
      given: {
        "X-RateLimit-Limit": "30",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Type": "QPS",
        "Retry-After": "2",
      },
      want: { limit: 30, remaining: 0, type: "QPS", retryAfterMs: 2000 },
    },
    {
      given: { "X-RateLimit-Limit": "30", "X-RateLimit-Remaining": "29" },
      want: { limit: 30, remaining: 29 },
    },
    { given: {}, want: undefined },
  ])("rateLimitFromHeaders($given)", ({ given, want }) => {
    const info = vendor.rateLimitFromHeaders?.(new Headers(given));
    if (want === undefined) expect(info).toBeUndefined();
    else expect(info).toMatchObject(want);
  });

  it("reads a Retry-After date as the time to wait until", () => {
    const at = new Date(Date.now() + 3_600_000);
    const info = vendor.rateLimitFromHeaders?.(new Headers({ "Retry-After": at.toUTCString() }));
    expect(info?.retryAfterMs).toBeGreaterThan(3_598_000);
    expect(info?.resetAt).toBeGreaterThan(Date.now() + 3_598_000);
  });
});
