// Zoom's published rate limits per plan. They are per account and shared by every app on it,
// counted per category; Heavy and Resource-intensive also share one daily cap.

/** Zoom's rate-limit categories, as its documents label operations (`x-rate-limit-label`). */
export type RateCategory = "LIGHT" | "MEDIUM" | "HEAVY" | "RESOURCE_INTENSIVE";

export const RATE_CATEGORIES: readonly RateCategory[] = [
  "LIGHT",
  "MEDIUM",
  "HEAVY",
  "RESOURCE_INTENSIVE",
];

/** Pro, or Business and up (Business, Business Plus, Enterprise share one table). */
export type RatePlan = "pro" | "business";

/** How many requests a category allows per window. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface PlanLimits {
  categories: Record<RateCategory, RateWindow>;
  /** Requests a day shared by HEAVY and RESOURCE_INTENSIVE. */
  daily: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const RATE_PLANS: Record<RatePlan, PlanLimits> = {
  pro: {
    categories: {
      LIGHT: { limit: 30, windowMs: SECOND },
      MEDIUM: { limit: 20, windowMs: SECOND },
      HEAVY: { limit: 10, windowMs: SECOND },
      RESOURCE_INTENSIVE: { limit: 10, windowMs: MINUTE },
    },
    daily: 30_000,
  },
  business: {
    categories: {
      LIGHT: { limit: 80, windowMs: SECOND },
      MEDIUM: { limit: 60, windowMs: SECOND },
      HEAVY: { limit: 40, windowMs: SECOND },
      RESOURCE_INTENSIVE: { limit: 20, windowMs: MINUTE },
    },
    daily: 60_000,
  },
};

/** The categories that draw on the daily cap. */
export const DAILY_CATEGORIES: ReadonlySet<RateCategory> = new Set(["HEAVY", "RESOURCE_INTENSIVE"]);

/**
 * A category as Zoom names it in `X-RateLimit-Category` ("Light", "Resource-intensive") or
 * in a spec ("RESOURCE_INTENSIVE"); undefined for anything else.
 */
export function rateCategory(value: string | null | undefined): RateCategory | undefined {
  if (!value) return undefined;
  const name = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  return (RATE_CATEGORIES as readonly string[]).includes(name) ? (name as RateCategory) : undefined;
}
