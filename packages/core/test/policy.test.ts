import { afterEach, describe, expect, it, vi } from "vitest";
import { ClipKitValidationError } from "../src/index.js";
import { MAX_TIMER_MS, wholeNumber } from "../src/option-ranges.js";
import { resolvePolicy } from "../src/policy.js";
import { refusal } from "./helpers/refusal.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("client options", () => {
  it("default to 2 retries, 60 s per attempt and idle, no POST retries, 120 s of waits", () => {
    const policy = resolvePolicy({});
    expect(policy).toMatchObject({
      maxRetries: 2,
      timeoutMs: 60_000,
      idleTimeoutMs: 60_000,
      retryPost: false,
      maxRetryWaitMs: 120_000,
      customFetch: false,
      backoff: { baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 },
    });
    expect(policy.random).toBe(Math.random);
  });

  it.each([
    ["maxRetries", 0, 100],
    ["timeoutMs", 1, MAX_TIMER_MS],
    ["idleTimeoutMs", 1, MAX_TIMER_MS],
    ["maxRetryWaitMs", 0, MAX_TIMER_MS],
  ])("%s takes %d to %d, and nothing past either end", (option, min, max) => {
    expect(resolvePolicy({ [option]: min })).toMatchObject({ [option]: min });
    expect(resolvePolicy({ [option]: max })).toMatchObject({ [option]: max });
    for (const bad of [min - 1, max + 1]) {
      const error = refusal(() => resolvePolicy({ [option]: bad }));
      expect(error).toBeInstanceOf(ClipKitValidationError);
      expect(error.field).toBe(option);
      expect(error.message).toContain(`expected a whole number from ${min} to ${max}, got ${bad}`);
    }
  });

  it.each(["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"])(
    "backoff.%s is a whole number of ms, merged over the defaults",
    (key) => {
      expect(resolvePolicy({ backoff: { [key]: 0 } }).backoff).toMatchObject({ [key]: 0 });
      expect(resolvePolicy({ backoff: { [key]: 7 } }).backoff).toEqual({
        baseDelayMs: 500,
        maxDelayMs: 8_000,
        maxRetryAfterMs: 60_000,
        [key]: 7,
      });
      const error = refusal(() => resolvePolicy({ backoff: { [key]: -1 } }));
      expect(error.field).toBe(`backoff.${key}`);
    },
  );

  it("a value of the wrong type is named by its type, not quoted", () => {
    const error = refusal(() => resolvePolicy({ timeoutMs: "30" as unknown as number }));
    expect(error.message).toContain("got string");
    expect(refusal(() => wholeNumber("n", 2.5, 0, 5)).message).toContain("got 2.5");
  });

  it("retryPost must be a boolean; true is kept", () => {
    expect(resolvePolicy({ retryPost: true }).retryPost).toBe(true);
    const error = refusal(() => resolvePolicy({ retryPost: "yes" as unknown as boolean }));
    expect(error).toMatchObject({ field: "retryPost" });
    expect(error.message).toContain("expected true or false");
  });

  it("a logger needs a debug method", () => {
    const logger = { debug: () => {} };
    expect(resolvePolicy({ logger }).logger).toBe(logger);
    for (const bad of [{}, null, { debug: "yes" }]) {
      const error = refusal(() => resolvePolicy({ logger: bad as never }));
      expect(error).toMatchObject({ field: "logger" });
      expect(error.message).toContain("expected an object with a debug(msg, fields) method");
    }
  });

  it.each(["fetch", "random", "sleep"])("%s must be a function; one given is used", (option) => {
    const own = () => 0;
    const policy = resolvePolicy({ [option]: own });
    expect(policy[option as "fetch" | "random" | "sleep"]).toBe(own);
    const error = refusal(() => resolvePolicy({ [option]: 42 }));
    expect(error).toMatchObject({ field: option });
    expect(error.message).toContain("expected a function");
  });

  it("a fetch of the caller's is marked as one", () => {
    expect(resolvePolicy({ fetch: async () => new Response() }).customFetch).toBe(true);
  });

  it("without a fetch, globalThis.fetch is looked up per call (one patched in later is used)", async () => {
    const policy = resolvePolicy({});
    const patched = vi.fn(async () => new Response("patched"));
    vi.stubGlobal("fetch", patched);
    const response = await policy.fetch("https://example.test/x", { method: "HEAD" });
    expect(await response.text()).toBe("patched");
    expect(patched).toHaveBeenCalledWith("https://example.test/x", { method: "HEAD" });
  });

  it("the default sleep waits and can be aborted", async () => {
    const { sleep } = resolvePolicy({});
    await expect(sleep(1, new AbortController().signal)).resolves.toBeUndefined();
    await expect(sleep(60_000, AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
  });
});
