import { describe, expect, it } from "vitest";
import { failureFrom } from "../../src/errors/failure.js";
import {
  AbortError,
  ApiError,
  assertOk,
  ClipKitError,
  ClipKitValidationError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RedirectError,
  TimeoutError,
  unwrap,
} from "../../src/index.js";

const what = "GET https://api.test/v2/x";
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
/** fetch's own error wrapping the platform's cause, as undici throws it. */
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });

describe("failureFrom: what a thrown failure becomes", () => {
  it("our own errors pass through untouched, even after the caller aborted", () => {
    const ours = new ClipKitError("already typed");
    expect(failureFrom(ours, { what, caller: AbortSignal.abort() })).toBe(ours);
  });

  it("the caller's abort is an AbortError saying so, its reason as the cause", () => {
    const reason = new Error("user left");
    const controller = new AbortController();
    controller.abort(reason);
    const failure = failureFrom(fetchFailed(reason), { what, caller: controller.signal });
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as Error).message).toBe(`${what} was aborted by the caller`);
    expect((failure as Error).cause).toBe(reason);
  });

  it("an abort that is not the caller's (a DOMException named AbortError) is an AbortError", () => {
    const platform = new DOMException("This operation was aborted", "AbortError");
    const failure = failureFrom(platform, { what });
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as Error).message).toBe(`${what} was aborted`);
    expect((failure as Error).cause).toBe(platform);
  });

  it("the time limit is a TimeoutError naming the limit", () => {
    const failure = failureFrom(fetchFailed(new Error("x")), {
      what,
      timedOut: () => true,
      timeoutMs: 1234,
    });
    expect(failure).toBeInstanceOf(TimeoutError);
    expect((failure as Error).message).toBe(`${what} timed out after 1234 ms`);
  });

  it("a refused redirect and a redirect loop are RedirectErrors that say which", () => {
    const refused = failureFrom(fetchFailed(new Error("unexpected redirect")), { what });
    expect(refused).toBeInstanceOf(RedirectError);
    expect((refused as Error).message).toBe(`${what} was redirected where the request allows none`);
    const loop = failureFrom(fetchFailed(new Error("redirect count exceeded")), { what });
    expect(loop).toBeInstanceOf(RedirectError);
    expect((loop as Error).message).toBe(
      `${what} was redirected too many times (a redirect loop?)`,
    );
  });

  it("a header the platform refuses is a validation error on 'headers', not quoting it", () => {
    const header = fetchFailed(
      new TypeError("Headers.append: invalid header value 'Bearer sk-1\\n'"),
    );
    const failure = failureFrom(header, { what });
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect(failure).toMatchObject({ field: "headers" });
    expect((failure as Error).message).toContain(
      `${what}: a header value holds characters HTTP does not allow (a newline?); nothing was sent`,
    );
    expect((failure as Error).message).not.toContain("sk-1");
  });

  it("a connection failure shows the deepest cause, up to five levels down", () => {
    const refused = failureFrom(
      fetchFailed(withCode("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED")),
      {
        what,
      },
    );
    expect(refused).toBeInstanceOf(ConnectionError);
    expect((refused as Error).message).toBe(
      `${what} failed: Error: connect ECONNREFUSED 127.0.0.1:1`,
    );

    let deep: Error = new Error("level 6");
    for (let level = 5; level >= 1; level--) deep = new Error(`level ${level}`, { cause: deep });
    const failure = failureFrom(new TypeError("level 0", { cause: deep }), { what });
    expect((failure as Error).message).toBe(`${what} failed: Error: level 4`);
  });

  it("a bare TypeError from fetch is a ConnectionError with its own message", () => {
    const bare = new TypeError("network down");
    const failure = failureFrom(bare, { what });
    expect(failure).toBeInstanceOf(ConnectionError);
    expect((failure as Error).message).toBe(`${what} failed: TypeError: network down`);
    expect((failure as Error).cause).toBe(bare);
  });

  it("an error with a system code from a fetch of the caller's is a ConnectionError too", () => {
    const failure = failureFrom(withCode("socket hang up", "ECONNRESET"), { what });
    expect(failure).toBeInstanceOf(ConnectionError);
    expect((failure as Error).message).toBe(`${what} failed: Error: socket hang up`);
  });

  it("the credentials sent and the vendor's signed query values never show in the message", () => {
    const failure = failureFrom(
      fetchFailed(new Error("proxy refused Bearer tok-123 for https://cdn.test/f?sig=abc&x=1")),
      { what, secrets: ["Bearer tok-123"], redactQueryParams: ["sig"] },
    );
    const message = (failure as Error).message;
    expect(message).not.toContain("tok-123");
    expect(message).not.toContain("abc");
    expect(message).toContain("x=1");
  });

  it("before anything was sent, a TypeError (a bug, a bad token function) is left as it is", () => {
    const bug = new TypeError("token() is not a function");
    expect(failureFrom(bug, { what, network: false })).toBe(bug);
    const abort = new DOMException("aborted", "AbortError");
    expect(failureFrom(abort, { what, network: false })).toBe(abort);
  });

  it("anything else (a bug in user code, a thrown string, nothing) passes through", () => {
    const bug = new RangeError("user code");
    expect(failureFrom(bug, { what })).toBe(bug);
    expect(failureFrom("text", { what })).toBe("text");
    expect(failureFrom(undefined, { what })).toBeUndefined();
    expect(failureFrom(null, { what })).toBeNull();
  });
});

describe("unwrap and assertOk", () => {
  it("unwrap throws for a non-2xx answer without a body (openapi-fetch gives no error then)", async () => {
    const response = new Response(null, { status: 404 });
    const error = await unwrap(Promise.resolve({ error: undefined, response })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("a response that came through no client is labelled HTTP, as it has no method", async () => {
    const response = new Response('{"message":"boom"}', { status: 500 });
    const error = await unwrap(Promise.resolve({ error: { message: "boom" }, response })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ method: "HTTP", apiMessage: "boom" });
    const fromAssert = await assertOk(new Response("<h1>Bad gateway</h1>", { status: 502 })).catch(
      (e: unknown) => e,
    );
    expect(fromAssert).toBeInstanceOf(ApiError);
    expect(fromAssert).toMatchObject({ method: "HTTP", status: 502 });
    expect((fromAssert as Error).message).toContain("Bad gateway");
  });

  it("unwrap resolves to the data of a 2xx answer", async () => {
    const response = new Response("{}", { status: 200 });
    await expect(unwrap(Promise.resolve({ data: { id: 1 }, response }))).resolves.toEqual({
      id: 1,
    });
  });
});
