/** Which server of a fake a fault hits. */
export type FaultTarget = "api" | "token" | "download" | "cdn";

export type Fault =
  | { kind: "rateLimit"; retryAfterSeconds: number }
  | { kind: "dailyLimit"; resetsAt: string }
  | { kind: "serverError"; status: number }
  | { kind: "reset"; afterBytes: number }
  | { kind: "slowBody"; bytesPerSecond: number };

interface Armed {
  target: FaultTarget;
  remaining: number;
  fault: Fault;
}

/**
 * Fault switches for users' own resilience tests: each arms the next `count` requests to one
 * server of the fake (default: the API).
 */
export interface FaultSwitches {
  /** Answer 429 with `Retry-After` (seconds) and Zoom's rate-limit headers. */
  rateLimit(options?: { count?: number; retryAfterSeconds?: number; on?: FaultTarget }): void;
  /**
   * Answer 429 as Zoom does when a daily limit is used up: `X-RateLimit-Type: Daily-limit` and
   * `Retry-After` the reset as an ISO date (default the next 00:00 UTC).
   */
  dailyLimit(options?: { count?: number; resetsAt?: string; on?: FaultTarget }): void;
  /** Answer a 5xx (default 500) with Zoom's error body. */
  serverError(options?: { count?: number; status?: number; on?: FaultTarget }): void;
  /** Destroy the connection, before any response or (`afterBytes`) in the middle of a body. */
  resetConnection(options?: { count?: number; afterBytes?: number; on?: FaultTarget }): void;
  /** Send bodies at `bytesPerSecond` (default on the CDN, for every request until cleared). */
  slowBody(options: { bytesPerSecond: number; count?: number; on?: FaultTarget }): void;
  /** Disarm every fault. */
  clear(): void;
}

export interface FaultQueue extends FaultSwitches {
  /** The fault for this request to `target`, if one is armed (and counts it down). */
  take(target: FaultTarget, kinds?: readonly Fault["kind"][]): Fault | undefined;
}

const nextUtcMidnight = () => {
  const day = 24 * 60 * 60 * 1000;
  return new Date((Math.floor(Date.now() / day) + 1) * day).toISOString();
};

export function createFaultQueue(): FaultQueue {
  let armed: Armed[] = [];
  const arm = (target: FaultTarget, count: number, fault: Fault) => {
    if (!(count > 0)) throw new RangeError(`fault count must be positive, got ${count}`);
    armed.push({ target, remaining: count, fault });
  };
  return {
    rateLimit: ({ count = 1, retryAfterSeconds = 1, on = "api" } = {}) =>
      arm(on, count, { kind: "rateLimit", retryAfterSeconds }),
    dailyLimit: ({ count = 1, resetsAt = nextUtcMidnight(), on = "api" } = {}) =>
      arm(on, count, { kind: "dailyLimit", resetsAt }),
    serverError: ({ count = 1, status = 500, on = "api" } = {}) =>
      arm(on, count, { kind: "serverError", status }),
    resetConnection: ({ count = 1, afterBytes = 0, on = "api" } = {}) =>
      arm(on, count, { kind: "reset", afterBytes }),
    slowBody: ({ bytesPerSecond, count = Number.POSITIVE_INFINITY, on = "cdn" }) =>
      arm(on, count, { kind: "slowBody", bytesPerSecond }),
    clear() {
      armed = [];
    },
    take(target, kinds) {
      const entry = armed.find(
        (a) => a.target === target && (!kinds || kinds.includes(a.fault.kind)),
      );
      if (!entry) return undefined;
      entry.remaining--;
      if (entry.remaining <= 0) armed = armed.filter((a) => a !== entry);
      return entry.fault;
    },
  };
}
