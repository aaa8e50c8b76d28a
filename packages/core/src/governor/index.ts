// `@clipkit/core/governor`: Zoom's account rate limits as a budget shared by every client
// given it. A separate entry, so that a client without a governor carries none of it.
export { DailyRateLimitError } from "../errors/rate-limit-errors.js";
export {
  type PlanLimits,
  RATE_CATEGORIES,
  RATE_PLANS,
  type RateCategory,
  type RatePlan,
  type RateWindow,
  rateCategory,
} from "./plans.js";
export { RateGovernor, type RateGovernorOptions } from "./rate-governor.js";
