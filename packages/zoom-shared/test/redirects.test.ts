import { describe, expect, it } from "vitest";
import {
  followRedirects,
  headersForHop,
  isZoomHost,
  mayReceiveCredentials,
  RedirectError,
  redirectTarget,
} from "../src/redirects.js";

const configured = ["http://127.0.0.1:4010", "https://proxy.example.com/v2"];

describe("mayReceiveCredentials: Authorization goes to https Zoom hosts and configured origins only", () => {
  it.each([
    ["https://fileapi.zoom.us/v2/clips/files", true, "the file API"],
    ["https://zoom.us/rec/download/abc", true, "zoom.us itself"],
    ["https://us01file.zoom.us/file/x?attachType=download", true, "a deeper Zoom subdomain"],
    ["https://ZOOM.US./x", true, "case and a trailing dot do not matter"],
    ["https://fileapi.zoom.us:8443/x", true, "another port on a Zoom host is still Zoom"],
    ["http://fileapi.zoom.us/v2/clips/files", false, "http downgrade of a Zoom host"],
    ["https://zoom.us.evil.com/x", false, "zoom.us as a prefix of another domain"],
    ["https://evilzoom.us/x", false, "a look-alike that only ends with zoom.us"],
    ["https://zoom.us@evil.com/x", false, "zoom.us as userinfo"],
    ["https://s3.amazonaws.com/bucket/clip.mp4", false, "a storage bucket"],
    ["https://d1.cloudfront.net/clip.mp4", false, "a CDN"],
    ["http://127.0.0.1:4010/clips/files", true, "a configured origin (tests)"],
    ["http://127.0.0.1:4011/clips/files", false, "the same host on another port"],
    ["http://localhost:4010/clips/files", false, "the same server under another host name"],
    ["https://127.0.0.1:4010/x", false, "the configured host over another scheme"],
    ["https://proxy.example.com/other/path", true, "a configured origin, any path"],
    ["ftp://fileapi.zoom.us/x", false, "not http(s)"],
    ["not a url", false, "unparsable"],
  ])("%s → %s (%s)", (url, expected) => {
    expect(mayReceiveCredentials(url, configured)).toBe(expected);
  });

  it("trusts nothing but Zoom without configured origins", () => {
    expect(mayReceiveCredentials("http://127.0.0.1:4010/x")).toBe(false);
    expect(mayReceiveCredentials("https://api.zoom.us/v2/clips")).toBe(true);
  });

  it("isZoomHost compares whole labels", () => {
    expect(isZoomHost("zoom.us")).toBe(true);
    expect(isZoomHost("a.b.zoom.us")).toBe(true);
    expect(isZoomHost("xzoom.us")).toBe(false);
    expect(isZoomHost("zoom.us.example")).toBe(false);
  });
});

describe("headersForHop with Zoom's credential rule", () => {
  const signed = { authorization: "Bearer secret", cookie: "a=b", "content-type": "video/mp4" };
  const allowed = (url: string | URL) => mayReceiveCredentials(url, configured);
  it("drops credential headers for an untrusted hop and keeps the others", () => {
    const headers = headersForHop("https://cdn.example.net/x", signed, allowed);
    expect(headers.get("authorization")).toBeNull();
    expect(headers.get("cookie")).toBeNull();
    expect(headers.get("content-type")).toBe("video/mp4");
  });
  it("keeps them for a Zoom hop", () => {
    const headers = headersForHop("https://us01file.zoom.us/x", signed, allowed);
    expect(headers.get("authorization")).toBe("Bearer secret");
  });
});

describe("redirectTarget and followRedirects", () => {
  const redirect = (status: number, location?: string) =>
    new Response(null, { status, headers: location ? { location } : {} });

  it("resolves a relative Location against the current URL", () => {
    expect(redirectTarget(redirect(302, "/file/1"), "https://zoom.us/a/b")?.toString()).toBe(
      "https://zoom.us/file/1",
    );
    expect(redirectTarget(new Response("x", { status: 200 }), "https://zoom.us/")).toBeUndefined();
  });

  it("refuses a redirect without Location or to another scheme", () => {
    expect(() => redirectTarget(redirect(307), "https://zoom.us/")).toThrow(RedirectError);
    expect(() => redirectTarget(redirect(302, "file:///etc/passwd"), "https://zoom.us/")).toThrow(
      /file:/,
    );
  });

  it("follows hops until a non-redirect, and stops after maxRedirects", async () => {
    const seen: string[] = [];
    const result = await followRedirects(redirect(302, "https://a.zoom.us/1"), "https://zoom.us/", {
      send: async (url) => {
        seen.push(url.toString());
        return seen.length < 3
          ? redirect(307, `https://a.zoom.us/${seen.length + 1}`)
          : new Response("done");
      },
    });
    expect(seen).toEqual(["https://a.zoom.us/1", "https://a.zoom.us/2", "https://a.zoom.us/3"]);
    expect(result.url).toBe("https://a.zoom.us/3");
    expect(await result.response.text()).toBe("done");

    await expect(
      followRedirects(redirect(302, "/again"), "https://zoom.us/", {
        maxRedirects: 2,
        send: async () => redirect(302, "/again"),
      }),
    ).rejects.toThrow(/more than 2 redirects/);
  });
});
