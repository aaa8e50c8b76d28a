// Zoom's account rate limits as the fake enforces them: per category, the category of each
// operation read from the specs' `x-rate-limit-label` (the bundled specs, as Zoom publishes
// them). The plan table is written out here on purpose, apart from @clipkit/core's: a fake
// that shared the client's table could not catch a wrong number in it.
import type { OpenApiDocument } from "../spec/specs.js";
import { operationOf, operationRoutes, ZOOM_DOCUMENTS } from "./operation-routes.js";

export type FakeRatePlan = "pro" | "business";

export interface AccountRateLimitOptions {
  /** Default `pro`: Light 30/s, Medium 20/s, Heavy 10/s, Resource-intensive 10/min. */
  plan?: FakeRatePlan;
  /** Heavy + Resource-intensive requests a day (default 30,000 on Pro, 60,000 above). */
  daily?: number;
}

type Label = "LIGHT" | "MEDIUM" | "HEAVY" | "RESOURCE_INTENSIVE";

const SECOND = 1000;
const PLANS: Record<FakeRatePlan, Record<Label, [number, number]> & { daily: number }> = {
  pro: {
    LIGHT: [30, SECOND],
    MEDIUM: [20, SECOND],
    HEAVY: [10, SECOND],
    RESOURCE_INTENSIVE: [10, 60 * SECOND],
    daily: 30_000,
  },
  business: {
    LIGHT: [80, SECOND],
    MEDIUM: [60, SECOND],
    HEAVY: [40, SECOND],
    RESOURCE_INTENSIVE: [20, 60 * SECOND],
    daily: 60_000,
  },
};

/** As Zoom writes a category in `X-RateLimit-Category`. */
const HEADER_NAME: Record<Label, string> = {
  LIGHT: "Light",
  MEDIUM: "Medium",
  HEAVY: "Heavy",
  RESOURCE_INTENSIVE: "Resource-intensive",
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The category a request counted in, as Zoom names it, and that category's limit. */
export interface CountedRateLimit {
  category: string;
  /** Requests allowed per `windowMs`. */
  limit: number;
  windowMs: number;
}

export interface RateLimitVerdict extends CountedRateLimit {
  /** Headers for every answer of a labelled operation. */
  headers: Record<string, string | number>;
  /** Set when the request is over a limit: answer 429 with `headers`. */
  limited?: "QPS" | "Daily-limit";
}

/**
 * The rate-limit verdict of each API request (`path` under `/v2`), counted in sliding windows
 * of request arrival times, as the account's budget; undefined for an unlabelled operation.
 */
export function accountRateLimits(
  options: AccountRateLimitOptions,
  now: () => number,
  /** The specs whose labels count (default: every Zoom API the fakes serve). */
  documents: OpenApiDocument[] = ZOOM_DOCUMENTS(),
): (method: string, path: string) => RateLimitVerdict | undefined {
  const plan = PLANS[options.plan ?? "pro"];
  const dailyCap = options.daily ?? plan.daily;
  const routes = operationRoutes(documents);
  const arrivals = new Map<Label, number[]>();
  let day = -1;
  let dailyUsed = 0;
  return (method, path): RateLimitVerdict | undefined => {
    const label = operationOf(routes, method, path)?.["x-rate-limit-label"] as Label | undefined;
    if (!label) return undefined;
    const t = now();
    const [limit, windowMs] = plan[label];
    const category = HEADER_NAME[label];
    const counted = { category, limit, windowMs };
    if (label === "HEAVY" || label === "RESOURCE_INTENSIVE") {
      if (Math.floor(t / DAY_MS) !== day) {
        day = Math.floor(t / DAY_MS);
        dailyUsed = 0;
      }
      if (dailyUsed >= dailyCap) {
        return {
          ...counted,
          limited: "Daily-limit",
          headers: {
            "x-ratelimit-category": category,
            "x-ratelimit-type": "Daily-limit",
            "x-ratelimit-limit": dailyCap,
            "x-ratelimit-remaining": 0,
            "retry-after": new Date((day + 1) * DAY_MS).toISOString(),
          },
        };
      }
    }
    const recent = (arrivals.get(label) ?? []).filter((a) => a > t - windowMs);
    arrivals.set(label, recent);
    if (recent.length >= limit) {
      return {
        ...counted,
        limited: "QPS",
        headers: {
          "x-ratelimit-category": category,
          "x-ratelimit-type": "QPS",
          "x-ratelimit-limit": limit,
          "x-ratelimit-remaining": 0,
          "retry-after": new Date((recent[0] as number) + windowMs).toISOString(),
        },
      };
    }
    recent.push(t);
    if (label === "HEAVY" || label === "RESOURCE_INTENSIVE") dailyUsed++;
    return {
      ...counted,
      headers: {
        "x-ratelimit-category": category,
        "x-ratelimit-type": "QPS",
        "x-ratelimit-limit": limit,
        "x-ratelimit-remaining": limit - recent.length,
      },
    };
  };
}
