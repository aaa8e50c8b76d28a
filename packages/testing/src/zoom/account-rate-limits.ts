// Zoom's account rate limits as the fake enforces them: per category, the category of each
// operation read from the specs' `x-rate-limit-label` (the bundled specs, as Zoom publishes
// them). The plan table is written out here on purpose, apart from @clipkit/core's: a fake
// that shared the client's table could not catch a wrong number in it.
import { specs } from "../../specs/index.js";
import type { OpenApiDocument } from "../spec/specs.js";

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

const METHODS = ["get", "put", "post", "delete", "patch"];
const DAY_MS = 24 * 60 * 60 * 1000;

interface Route {
  method: string;
  pattern: RegExp;
  literals: number;
  label: Label;
}

function routesOf(documents: OpenApiDocument[]): Route[] {
  const routes: Route[] = [];
  for (const doc of documents) {
    for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, OpenApiDocument][]) {
      for (const method of METHODS) {
        const label = item[method]?.["x-rate-limit-label"];
        if (!label) continue;
        const segments = path.split("/").filter(Boolean);
        const pattern = new RegExp(
          `^/${segments.map((s) => (s.startsWith("{") ? "[^/]+" : s.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))).join("/")}$`,
        );
        const literals = segments.filter((s) => !s.startsWith("{")).length;
        routes.push({ method: method.toUpperCase(), pattern, literals, label });
      }
    }
  }
  // The most literal template first: `/recordings/settings` before `/recordings/{id}`.
  return routes.sort((a, b) => b.literals - a.literals);
}

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
  documents: OpenApiDocument[] = [
    specs["zoom-cloud-recording"],
    specs["zoom-clips"],
    specs["zoom-users"],
  ],
): (method: string, path: string) => RateLimitVerdict | undefined {
  const plan = PLANS[options.plan ?? "pro"];
  const dailyCap = options.daily ?? plan.daily;
  const routes = routesOf(documents);
  const arrivals = new Map<Label, number[]>();
  let day = -1;
  let dailyUsed = 0;
  return (method, path): RateLimitVerdict | undefined => {
    const route = routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return undefined;
    const t = now();
    const [limit, windowMs] = plan[route.label];
    const category = HEADER_NAME[route.label];
    const counted = { category, limit, windowMs };
    if (route.label === "HEAVY" || route.label === "RESOURCE_INTENSIVE") {
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
    const recent = (arrivals.get(route.label) ?? []).filter((a) => a > t - windowMs);
    arrivals.set(route.label, recent);
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
    if (route.label === "HEAVY" || route.label === "RESOURCE_INTENSIVE") dailyUsed++;
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
