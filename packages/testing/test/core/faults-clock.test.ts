import { describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.js";
import { createFaultQueue } from "../../src/faults.js";

describe("createClock", () => {
  it("is the start time plus every advance, and refuses negative or non-finite steps", () => {
    let real = 1_000;
    const clock = createClock(() => real);
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    clock.advance(0);
    expect(clock.now()).toBe(1_250);
    real = 2_000;
    expect(clock.now()).toBe(2_250);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow("advance by NaN ms");
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(clock.now()).toBe(2_250);
  });

  it("runs on real time by default", () => {
    const clock = createClock();
    const before = Date.now();
    const now = clock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe("createFaultQueue", () => {
  it("arms one API fault by default, with the documented defaults", () => {
    const faults = createFaultQueue();
    faults.rateLimit();
    faults.serverError();
    faults.resetConnection();
    expect(faults.take("api")).toEqual({ kind: "rateLimit", retryAfterSeconds: 1 });
    expect(faults.take("api")).toEqual({ kind: "serverError", status: 500 });
    expect(faults.take("api")).toEqual({ kind: "reset", afterBytes: 0 });
    expect(faults.take("api")).toBeUndefined();
  });

  it("counts a fault down over `count` requests to its target only", () => {
    const faults = createFaultQueue();
    faults.serverError({ count: 2, status: 503, on: "token" });
    expect(faults.take("api")).toBeUndefined();
    expect(faults.take("token")).toEqual({ kind: "serverError", status: 503 });
    expect(faults.take("token")).toEqual({ kind: "serverError", status: 503 });
    expect(faults.take("token")).toBeUndefined();
  });

  it("applies a fault with `when` only to requests it accepts, and checks error statuses", () => {
    const faults = createFaultQueue();
    faults.delay({ ms: 5, on: "upload", when: (r) => r.partNumber === 2 });
    const request = { method: "POST", path: "/p", host: "h" };
    expect(faults.take("upload")).toBeUndefined();
    expect(faults.take("upload", undefined, { ...request, partNumber: 1 })).toBeUndefined();
    expect(faults.take("upload", undefined, { ...request, partNumber: 2 })).toEqual({
      kind: "delay",
      ms: 5,
    });
    expect(faults.take("upload", undefined, { ...request, partNumber: 2 })).toBeUndefined();
    faults.redirect({ location: "http://x.invalid/" });
    faults.silence();
    faults.answer({ status: 201, body: {} });
    expect(faults.take("api")).toEqual({
      kind: "redirect",
      status: 307,
      location: "http://x.invalid/",
    });
    expect(faults.take("api")).toEqual({ kind: "silence" });
    expect(faults.take("api")).toEqual({ kind: "answer", status: 201, body: {} });
    expect(() => faults.serverError({ status: 302 })).toThrow(RangeError);
    expect(() => faults.serverError({ status: 600 })).toThrow(RangeError);
    expect(() => faults.serverError({ status: 399 })).toThrow("not an error status: 399");
    faults.serverError({ status: 400 });
    expect(faults.take("api")).toEqual({ kind: "serverError", status: 400 });
    faults.serverError({ status: 599 });
    expect(faults.take("api")).toEqual({ kind: "serverError", status: 599 });
  });

  it("a daily limit resets at the next 00:00 UTC by default", () => {
    const faults = createFaultQueue();
    const day = 86_400_000;
    const before = Date.now();
    faults.dailyLimit();
    const fault = faults.take("api");
    if (fault?.kind !== "dailyLimit") throw new Error(`not a daily limit: ${fault?.kind}`);
    const resetsAt = Date.parse(fault.resetsAt);
    expect(resetsAt % day).toBe(0);
    expect(resetsAt).toBeGreaterThan(before);
    expect(resetsAt - before).toBeLessThanOrEqual(day);
  });

  it("slows the CDN for every request until cleared", () => {
    const faults = createFaultQueue();
    faults.slowBody({ bytesPerSecond: 10 });
    expect(faults.take("api")).toBeUndefined();
    for (let i = 0; i < 5; i++)
      expect(faults.take("cdn")).toEqual({ kind: "slowBody", bytesPerSecond: 10 });
    faults.clear();
    expect(faults.take("cdn")).toBeUndefined();
  });

  it("takes only the kinds asked for, leaving the others armed", () => {
    const faults = createFaultQueue();
    faults.rateLimit({ on: "cdn", retryAfterSeconds: 7 });
    faults.resetConnection({ on: "cdn", afterBytes: 5 });
    expect(faults.take("cdn", ["reset"])).toEqual({ kind: "reset", afterBytes: 5 });
    expect(faults.take("cdn", ["reset"])).toBeUndefined();
    expect(faults.take("cdn")).toEqual({ kind: "rateLimit", retryAfterSeconds: 7 });
  });

  it.each([0, -1, Number.NaN])("refuses a count of %s", (count) => {
    const faults = createFaultQueue();
    expect(() => faults.rateLimit({ count })).toThrow(`fault count must be positive, got ${count}`);
    expect(faults.take("api")).toBeUndefined();
  });
});
