/** Which server of a fake a fault hits (`upload`: the Clips file API, `/fileapi/v2/…`). */
export type FaultTarget = "api" | "token" | "download" | "cdn" | "upload";

export type Fault =
  | { kind: "rateLimit"; retryAfterSeconds: number }
  | { kind: "dailyLimit"; resetsAt: string }
  | { kind: "serverError"; status: number }
  | { kind: "reset"; afterBytes: number }
  | { kind: "slowBody"; bytesPerSecond: number }
  | { kind: "delay"; ms: number }
  | { kind: "redirect"; status: number; location: string }
  | { kind: "answer"; status: number; body: unknown }
  | { kind: "silence" };

/**
 * What a fault's `when` sees of a request. `partNumber` (multipart part uploads) and `event`
 * (`upload_events`) are known once the fake has read that far into the body.
 */
export interface FaultRequest {
  method: string;
  /** The path without the query, e.g. `/fileapi/v2/clips/files`. */
  path: string;
  /** The Host header, e.g. `localhost:1234`: tells the fake's two names apart. */
  host: string;
  partNumber?: number;
  event?: string;
}

interface Armed {
  target: FaultTarget;
  remaining: number;
  fault: Fault;
  when?: (request: FaultRequest) => boolean;
}

/** Where and how often a switch applies: the next `count` requests to `on` that pass `when`. */
export interface FaultScope {
  count?: number;
  on?: FaultTarget;
  when?: (request: FaultRequest) => boolean;
}

/**
 * Fault switches for users' own resilience tests: each arms the next `count` requests to one
 * server of the fake (default: the API), optionally only those `when` accepts.
 */
export interface FaultSwitches {
  /** Answer 429 with `Retry-After` (seconds) and Zoom's rate-limit headers. */
  rateLimit(options?: FaultScope & { retryAfterSeconds?: number }): void;
  /**
   * Answer 429 as Zoom does when a daily limit is used up: `X-RateLimit-Type: Daily-limit` and
   * `Retry-After` the reset as an ISO date (default the next 00:00 UTC).
   */
  dailyLimit(options?: FaultScope & { resetsAt?: string }): void;
  /** Answer an error status (default 500; any 4xx or 5xx) with Zoom's error body. */
  serverError(options?: FaultScope & { status?: number }): void;
  /**
   * Destroy the connection: before any response, or after `afterBytes` bytes of the body
   * (of the answer on the CDN; of the uploaded file on `upload`).
   */
  resetConnection(options?: FaultScope & { afterBytes?: number }): void;
  /** Send bodies at `bytesPerSecond` (default on the CDN, for every request until cleared). */
  slowBody(options: FaultScope & { bytesPerSecond: number }): void;
  /** Wait `ms` before handling the request as usual. */
  delay(options: FaultScope & { ms: number }): void;
  /** Read the body, then answer a redirect (default 307) to `location`. */
  redirect(options: FaultScope & { location: string; status?: number }): void;
  /** Read the body, then answer `status` with `body` as JSON (e.g. a 201 that lacks a field). */
  answer(options: FaultScope & { status: number; body: unknown }): void;
  /** Read the body, then never answer. */
  silence(options?: FaultScope): void;
  /** Disarm every fault. */
  clear(): void;
}

export interface FaultQueue extends FaultSwitches {
  /**
   * The fault for this request to `target`, if one is armed (and counts it down). Faults with
   * a `when` apply only when `request` is given and passes it.
   */
  take(
    target: FaultTarget,
    kinds?: readonly Fault["kind"][],
    request?: FaultRequest,
  ): Fault | undefined;
}

const nextUtcMidnight = () => {
  const day = 24 * 60 * 60 * 1000;
  return new Date((Math.floor(Date.now() / day) + 1) * day).toISOString();
};

export function createFaultQueue(): FaultQueue {
  let armed: Armed[] = [];
  const arm = (scope: FaultScope, fallbackCount: number, fault: Fault) => {
    const { count = fallbackCount, on = "api", when } = scope;
    if (!(count > 0)) throw new RangeError(`fault count must be positive, got ${count}`);
    armed.push({ target: on, remaining: count, fault, ...(when ? { when } : {}) });
  };
  return {
    rateLimit: ({ retryAfterSeconds = 1, ...scope } = {}) =>
      arm(scope, 1, { kind: "rateLimit", retryAfterSeconds }),
    dailyLimit: ({ resetsAt = nextUtcMidnight(), ...scope } = {}) =>
      arm(scope, 1, { kind: "dailyLimit", resetsAt }),
    serverError: ({ status = 500, ...scope } = {}) => {
      if (!(status >= 400 && status <= 599)) throw new RangeError(`not an error status: ${status}`);
      arm(scope, 1, { kind: "serverError", status });
    },
    resetConnection: ({ afterBytes = 0, ...scope } = {}) =>
      arm(scope, 1, { kind: "reset", afterBytes }),
    slowBody: ({ bytesPerSecond, ...scope }) =>
      arm({ on: "cdn", ...scope }, Number.POSITIVE_INFINITY, { kind: "slowBody", bytesPerSecond }),
    delay: ({ ms, ...scope }) => arm(scope, 1, { kind: "delay", ms }),
    redirect: ({ location, status = 307, ...scope }) =>
      arm(scope, 1, { kind: "redirect", status, location }),
    answer: ({ status, body, ...scope }) => arm(scope, 1, { kind: "answer", status, body }),
    silence: (scope = {}) => arm(scope, 1, { kind: "silence" }),
    clear() {
      armed = [];
    },
    take(target, kinds, request) {
      const entry = armed.find(
        (a) =>
          a.target === target &&
          (!kinds || kinds.includes(a.fault.kind)) &&
          (!a.when || (request !== undefined && a.when(request))),
      );
      if (!entry) return undefined;
      entry.remaining--;
      if (entry.remaining <= 0) armed = armed.filter((a) => a !== entry);
      return entry.fault;
    },
  };
}
