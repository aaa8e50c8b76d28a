// Zoom's account rate limits as the fake counts them: per category, in sliding windows, with
// a daily cap shared by the Heavy and Resource-intensive operations only.
import { describe, expect, it } from "vitest";
import { accountRateLimits, type FakeRatePlan } from "../../src/zoom/account-rate-limits.js";

// One operation per category, as Zoom labels them in its documents.
const document = {
  paths: {
    "/light": { get: { "x-rate-limit-label": "LIGHT" } },
    "/medium": { get: { "x-rate-limit-label": "MEDIUM" } },
    "/heavy": { get: { "x-rate-limit-label": "HEAVY" } },
    "/intensive": { get: { "x-rate-limit-label": "RESOURCE_INTENSIVE" } },
  },
};
// Noon plus half a second: no short window lines up with the next midnight.
const NOON = Date.UTC(2026, 11, 4, 12, 0, 0, 500);
const iso = (ms: number) => new Date(ms).toISOString();

function limits(plan: FakeRatePlan, daily?: number) {
  let now = NOON;
  const verdict = accountRateLimits({ plan, ...(daily ? { daily } : {}) }, () => now, [document]);
  return {
    verdict,
    at: (ms: number) => {
      now = NOON + ms;
    },
  };
}

describe("accountRateLimits", () => {
  // Zoom's published table: requests per window for each plan and category.
  it.each([
    { plan: "pro", path: "/light", category: "Light", limit: 30, windowMs: 1000 },
    { plan: "pro", path: "/medium", category: "Medium", limit: 20, windowMs: 1000 },
    { plan: "pro", path: "/heavy", category: "Heavy", limit: 10, windowMs: 1000 },
    {
      plan: "pro",
      path: "/intensive",
      category: "Resource-intensive",
      limit: 10,
      windowMs: 60_000,
    },
    { plan: "business", path: "/light", category: "Light", limit: 80, windowMs: 1000 },
    { plan: "business", path: "/medium", category: "Medium", limit: 60, windowMs: 1000 },
    { plan: "business", path: "/heavy", category: "Heavy", limit: 40, windowMs: 1000 },
    {
      plan: "business",
      path: "/intensive",
      category: "Resource-intensive",
      limit: 20,
      windowMs: 60_000,
    },
  ] as const)("$plan $category: $limit per $windowMs ms, in a sliding window", (given) => {
    const { verdict, at } = limits(given.plan);
    for (let n = 1; n <= given.limit; n++) {
      const answer = verdict("GET", given.path);
      expect(answer).toEqual({
        category: given.category,
        limit: given.limit,
        windowMs: given.windowMs,
        headers: {
          "x-ratelimit-category": given.category,
          "x-ratelimit-type": "QPS",
          "x-ratelimit-limit": given.limit,
          "x-ratelimit-remaining": given.limit - n,
        },
      });
    }
    const over = verdict("GET", given.path);
    expect(over?.limited).toBe("QPS");
    expect(over?.headers).toEqual({
      "x-ratelimit-category": given.category,
      "x-ratelimit-type": "QPS",
      "x-ratelimit-limit": given.limit,
      "x-ratelimit-remaining": 0,
      "retry-after": iso(NOON + given.windowMs),
    });
    at(given.windowMs - 1);
    expect(verdict("GET", given.path)?.limited).toBe("QPS");
    // The first arrivals leave the window exactly windowMs later.
    at(given.windowMs);
    expect(verdict("GET", given.path)?.limited).toBeUndefined();
  });

  it("caps Heavy and Resource-intensive requests together per UTC day, never Light or Medium", () => {
    const { verdict, at } = limits("pro", 2);
    expect(verdict("GET", "/intensive")?.limited).toBeUndefined();
    for (let n = 0; n < 3; n++) expect(verdict("GET", "/light")?.limited).toBeUndefined();
    expect(verdict("GET", "/medium")?.limited).toBeUndefined();
    expect(verdict("GET", "/heavy")?.limited).toBeUndefined();
    at(2000);
    const refused = verdict("GET", "/intensive");
    expect(refused?.limited).toBe("Daily-limit");
    expect(refused?.headers).toEqual({
      "x-ratelimit-category": "Resource-intensive",
      "x-ratelimit-type": "Daily-limit",
      "x-ratelimit-limit": 2,
      "x-ratelimit-remaining": 0,
      "retry-after": "2026-12-05T00:00:00.000Z",
    });
    expect(verdict("GET", "/heavy")?.limited).toBe("Daily-limit");
    expect(verdict("GET", "/light")?.limited).toBeUndefined();
    at(12 * 60 * 60 * 1000);
    expect(verdict("GET", "/heavy")?.limited).toBeUndefined();
  });

  it("counts nothing for a request no labelled operation matches", () => {
    const { verdict } = limits("pro");
    expect(verdict("GET", "/elsewhere")).toBeUndefined();
    expect(verdict("POST", "/light")).toBeUndefined();
  });
});
