import { pipelineOf } from "../create-client.js";
import { DailyRateLimitError } from "../errors/rate-limit-errors.js";
import { ClipKitValidationError } from "../errors/validation-error.js";
import type { Pacer } from "../pipeline/compose.js";
import { parseRetryAfter } from "../pipeline/retry-decision.js";
import { sleep as abortableSleep } from "../timeout.js";
import {
  DAILY_CATEGORIES,
  RATE_CATEGORIES,
  RATE_PLANS,
  type RateCategory,
  type RatePlan,
  rateCategory,
} from "./plans.js";
import { SlidingWindow } from "./sliding-window.js";

export interface RateGovernorOptions {
  /** Zoom plan of the account: `pro` (default) or `business` (Business and up). */
  plan?: RatePlan;
  /** A ceiling on requests a second across all categories, below the plan's. */
  maxRequestsPerSecond?: number;
  /**
   * Added to every window, in ms (default 50): a request reaches Zoom a little after it leaves
   * here, and unevenly, so two window-apart starts could land in one window of Zoom's count.
   */
  marginMs?: number;
  /** The clock, in ms since the epoch. Tests pass a fake one. */
  now?: () => number;
  /** The wait for a slot; must reject when `signal` aborts. Tests pass a fake one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MARGIN_MS = 50;

/** The next 00:00 UTC after `now`: when Zoom's daily limits reset. */
const nextUtcMidnight = (now: number) => (Math.floor(now / DAY_MS) + 1) * DAY_MS;

/**
 * One account's request budget, shared by every client given it: before each attempt of an
 * operation (retries included) a slot of its rate-limit category is taken — waiting when the
 * category's window is full — and each answer's `X-RateLimit-*` and `Retry-After` headers
 * adjust the budget. A daily limit throws `DailyRateLimitError` instead of waiting a day.
 */
export class RateGovernor implements Pacer {
  readonly plan: RatePlan;
  private readonly windows: Record<RateCategory, SlidingWindow>;
  private readonly ceiling: SlidingWindow | undefined;
  private readonly pausedUntil = new Map<RateCategory, number>();
  private dailyLimit: number;
  private dailyUsed = 0;
  private day: number;
  private dailyResetsAt: number | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: RateGovernorOptions = {}) {
    const plan = options.plan ?? "pro";
    if (!Object.hasOwn(RATE_PLANS, plan)) {
      throw new ClipKitValidationError(
        "plan",
        `expected one of ${Object.keys(RATE_PLANS).join(", ")}, got ${String(plan)}`,
      );
    }
    const rps = options.maxRequestsPerSecond;
    if (rps !== undefined && (!Number.isInteger(rps) || rps < 1)) {
      throw new ClipKitValidationError(
        "maxRequestsPerSecond",
        "expected a whole number of at least 1",
      );
    }
    const margin = options.marginMs ?? DEFAULT_MARGIN_MS;
    if (!Number.isInteger(margin) || margin < 0) {
      throw new ClipKitValidationError("marginMs", "expected a whole number of at least 0");
    }
    this.plan = plan;
    const limits = RATE_PLANS[plan];
    this.windows = Object.fromEntries(
      RATE_CATEGORIES.map((c) => [
        c,
        new SlidingWindow(limits.categories[c].limit, limits.categories[c].windowMs + margin),
      ]),
    ) as Record<RateCategory, SlidingWindow>;
    this.ceiling = rps === undefined ? undefined : new SlidingWindow(rps, 1000 + margin);
    this.dailyLimit = limits.daily;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.day = Math.floor(this.now() / DAY_MS);
  }

  /**
   * Waits for a slot of `category` (and of the ceiling). Unknown categories are not paced by
   * category, only by the ceiling. Throws `DailyRateLimitError` when the daily cap is used up.
   * Resolves with what to call with the answer once its headers are in: Zoom counted the
   * request before it answered, so from then on a window's distance holds at Zoom's end
   * whatever the delays on the way (a busy event loop, the network); and the answer is
   * observed (which may throw, see `observe`).
   */
  async acquire(
    category: string | undefined,
    signal?: AbortSignal,
  ): Promise<(response: Response) => void> {
    const settle = await this.reserve(category, signal);
    return (response) => {
      settle(this.now());
      this.observe(category, response);
    };
  }

  /** As `acquire`; resolves with a function that counts the request from a later time. */
  private async reserve(
    category: string | undefined,
    signal?: AbortSignal,
  ): Promise<(at: number) => void> {
    const known = rateCategory(category);
    const now = this.now();
    if (known && DAILY_CATEGORIES.has(known)) this.takeDaily(known, now);
    const window = known ? this.windows[known] : undefined;
    let at = Math.max(now, (known && this.pausedUntil.get(known)) || 0);
    if (window) at = window.earliest(at);
    if (this.ceiling) at = this.ceiling.earliest(at);
    // Reserved now, before waiting: callers that arrive meanwhile queue behind this slot.
    const grant = window?.record(at);
    const ceilingGrant = this.ceiling?.record(at);
    const settle = (later: number) => {
      if (grant !== undefined) window?.settle(grant, later);
      if (ceilingGrant !== undefined) this.ceiling?.settle(ceilingGrant, later);
    };
    if (at > now) await this.sleep(at - now, signal);
    // Woken late (the event loop was busy with downloads, say): the request leaves now, and the
    // windows count it from now, or the next ones could reach Zoom less than a window after it.
    settle(this.now());
    return settle;
  }

  private takeDaily(category: RateCategory, now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dailyUsed = 0;
    }
    if (this.dailyResetsAt !== undefined && now >= this.dailyResetsAt) {
      this.dailyResetsAt = undefined;
      this.dailyUsed = 0;
    }
    if (this.dailyResetsAt !== undefined || this.dailyUsed >= this.dailyLimit) {
      const resetsAt = new Date(this.dailyResetsAt ?? nextUtcMidnight(now));
      throw new DailyRateLimitError(
        `the daily limit of ${this.dailyLimit} Heavy and Resource-intensive requests is used up; it resets at ${resetsAt.toISOString()}`,
        { category, resetsAt },
      );
    }
    this.dailyUsed++;
  }

  /**
   * Learns from an answer to a request of `category`: `X-RateLimit-Limit`/`-Remaining` of the
   * category named in `X-RateLimit-Category` (or `category`); on a 429, pauses that category
   * until `Retry-After` (seconds, an HTTP date or an ISO date) or, without one, for a window;
   * on a daily-limit 429, throws `DailyRateLimitError`.
   */
  observe(category: string | undefined, response: Response): void {
    const headers = response.headers;
    const named = rateCategory(headers.get("x-ratelimit-category")) ?? rateCategory(category);
    const type = headers.get("x-ratelimit-type")?.trim().toLowerCase();
    const daily = type === "daily-limit";
    const limit = wholeHeader(headers, "x-ratelimit-limit");
    const remaining = wholeHeader(headers, "x-ratelimit-remaining");
    const now = this.now();
    if (daily) {
      if (limit !== undefined && limit > 0) this.dailyLimit = limit;
      if (remaining !== undefined) this.dailyUsed = Math.max(0, this.dailyLimit - remaining);
    } else if (named && limit !== undefined && type === "qps") {
      this.windows[named].resize(limit);
    }
    if (response.status !== 429) return;
    const retryAfter = parseRetryAfter(headers.get("retry-after"), now);
    if (daily) {
      // A date names the reset itself, even one this clock has already passed.
      const stated = retryAfterDate(headers.get("retry-after"));
      const resetsAt = new Date(
        stated ?? (retryAfter !== undefined ? now + retryAfter : nextUtcMidnight(now)),
      );
      this.dailyResetsAt = resetsAt.getTime();
      throw new DailyRateLimitError(
        `the daily rate limit${named ? ` (${named})` : ""} is used up; it resets at ${resetsAt.toISOString()}`,
        { category: named, resetsAt },
      );
    }
    if (!named) return;
    const until = now + (retryAfter ?? this.windows[named].windowMs);
    this.pausedUntil.set(named, Math.max(this.pausedUntil.get(named) ?? 0, until));
  }

  /**
   * Puts `client` (from `createApiClient`) under this governor: every attempt of the client's
   * pipeline takes a slot of its operation's category (named by the client's generated table)
   * first and is observed after. Done after construction so that a client without a governor
   * carries none of this code.
   */
  govern(client: object): void {
    pipelineOf(client).pace(this);
  }
}

/** `Retry-After` when it is a date (HTTP or ISO 8601), as ms since the epoch. */
function retryAfterDate(value: string | null): number | undefined {
  const text = value?.trim();
  if (!text || /^\d+(\.\d+)?$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

function wholeHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name)?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}
