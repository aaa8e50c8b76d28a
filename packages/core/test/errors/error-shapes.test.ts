import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { apiErrorClassFor, bodySnippet } from "../../src/errors/api-error.js";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ClipKitError,
  ClipKitValidationError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  UnprocessableEntityError,
} from "../../src/index.js";

describe("the error class for a status", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [599, InternalServerError],
    [418, ApiError],
    [499, ApiError],
    [302, ApiError],
  ])("%i -> %o", (status, ErrorClass) => {
    expect(apiErrorClassFor(status)).toBe(ErrorClass);
    const error = new (apiErrorClassFor(status))({
      status,
      method: "GET",
      url: "https://a.example/",
    });
    expect(error.name).toBe(ErrorClass.name);
    expect(error).toBeInstanceOf(ClipKitError);
  });
});

describe("what an ApiError shows", () => {
  const error = new NotFoundError({
    status: 404,
    method: "DELETE",
    url: "https://a.example/x?token=t0k",
    code: 3001,
    apiMessage: "gone",
    requestId: "req-1",
    rateLimit: { remaining: 3 },
    body: { code: 3001, message: "gone", internal: "big" },
  });

  it("a message with status, method, redacted URL, code and API message", () => {
    expect(error.message).toBe("404 from DELETE https://a.example/x?token=REDACTED: 3001: gone");
  });

  it("toJSON: its fields, not the body", () => {
    expect(error.toJSON()).toEqual({
      name: "NotFoundError",
      message: error.message,
      status: 404,
      code: 3001,
      apiMessage: "gone",
      method: "DELETE",
      url: "https://a.example/x?token=REDACTED",
      requestId: "req-1",
      rateLimit: { remaining: 3 },
    });
    expect(Object.keys(error)).not.toContain("body");
    expect(error.body).toEqual({ code: 3001, message: "gone", internal: "big" });
  });

  it("inspect: the stack, then the fields that are set", () => {
    const shown = inspect(error);
    expect(shown.startsWith(String(error.stack))).toBe(true);
    expect(shown).toContain('  status: 404,\n  code: 3001,\n  apiMessage: "gone"');
    expect(shown).not.toContain("big");
    const bare = new ClipKitError("plain");
    expect(inspect(bare)).toBe(bare.stack);
  });

  it.each([
    [{ apiMessage: "" }, "418 from GET https://a.example/: no error message"],
    [{ code: "E" }, "418 from GET https://a.example/: E"],
    [{ body: "  " }, "418 from GET https://a.example/: no error message"],
    [{ body: "<p>Bad <b>gateway</b></p>" }, "418 from GET https://a.example/: Bad gateway"],
  ])("%j -> %s", (init, message) => {
    expect(
      new ApiError({ status: 418, method: "GET", url: "https://a.example/", ...init }).message,
    ).toBe(message);
  });
});

describe("bodySnippet", () => {
  it("drops scripts, styles and tags, folds whitespace, and cuts at 200 characters", () => {
    expect(
      bodySnippet("<style>p{}</style><script>var s=1</script>\n<h1>Bad</h1>\n\n<p>Gateway</p>"),
    ).toBe("Bad Gateway");
    const long = "x".repeat(250);
    expect(bodySnippet(long)).toBe(`${"x".repeat(200)}…`);
    expect(bodySnippet("y".repeat(200))).toBe("y".repeat(200));
    expect(bodySnippet({ a: 1 })).toBeUndefined();
  });
});

describe("other errors", () => {
  it("ClipKitValidationError names the field in its message and JSON", () => {
    const error = new ClipKitValidationError("from", "must be a date");
    expect(error.message).toBe("from: must be a date");
    expect(error.toJSON()).toEqual({
      name: "ClipKitValidationError",
      message: "from: must be a date",
      field: "from",
    });
  });

  it("ResponseParseError shows status, content type and snippet", () => {
    const error = new ResponseParseError("bad JSON", 200, "text/html", "<html>");
    expect(error.toJSON()).toMatchObject({
      status: 200,
      contentType: "text/html",
      snippet: "<html>",
    });
  });

  it("a cause that is not an Error is not shown", () => {
    expect(new ClipKitError("x", { cause: "text" }).toJSON()).toEqual({
      name: "ClipKitError",
      message: "x",
    });
  });
});
