import { ClipKitError } from "./clipkit-error.js";

/**
 * A daily rate limit is used up (Zoom's `X-RateLimit-Type: Daily-limit`): waiting minutes
 * will not help, so a `RateGovernor` throws this instead of retrying. `resetsAt` is when the
 * server said the limit resets, or the next 00:00 UTC (when Zoom's daily limits reset).
 */
export class DailyRateLimitError extends ClipKitError {
  override name = "DailyRateLimitError";
  readonly category: string | undefined;
  readonly resetsAt: Date;

  constructor(message: string, init: { category?: string | undefined; resetsAt: Date }) {
    super(message);
    this.category = init.category;
    this.resetsAt = init.resetsAt;
  }

  protected override details(): Record<string, unknown> {
    return { category: this.category, resetsAt: this.resetsAt.toISOString() };
  }
}
