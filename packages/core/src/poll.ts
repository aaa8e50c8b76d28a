import { MAX_TIMER_MS, wholeNumber } from "./option-ranges.js";
import { abortable, sleep } from "./timeout.js";

export interface PollOptions {
  signal?: AbortSignal | undefined;
  /** Give up after this long. Default 10 minutes. */
  timeoutMs?: number | undefined;
  /** First wait between polls. Default 2 s; doubles after every poll. At least 100 ms. */
  intervalMs?: number | undefined;
  /** Longest wait between polls. Default 30 s. */
  maxIntervalMs?: number | undefined;
  /** The wait between polls; must reject when `signal` aborts. Tests record the waits with it. */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

export const POLL_DEFAULTS = { timeoutMs: 10 * 60_000, intervalMs: 2_000, maxIntervalMs: 30_000 };

/** Below this, polling a remote API is a busy loop, not a wait. */
export const MIN_POLL_INTERVAL_MS = 100;

/** What one check saw: done with a value, or not yet (with what to report on a timeout). */
export type PollStep<T, Seen> = { done: true; value: T } | { done: false; seen?: Seen };

export interface PollRun<T, Seen> {
  /** One check; `signal` aborts at the caller's abort or the deadline. */
  check(signal: AbortSignal): Promise<PollStep<T, Seen>>;
  /** The error for running out of time, given what was last seen. */
  timedOut(info: { waitedMs: number; polls: number; lastSeen: Seen | undefined }): Error;
}

/** The options checked, with defaults; a bad one throws `ClipKitValidationError` naming it. */
export function pollSettings(
  options: PollOptions,
): Required<Omit<PollOptions, "signal" | "sleep">> {
  const timeoutMs = wholeNumber(
    "timeoutMs",
    options.timeoutMs ?? POLL_DEFAULTS.timeoutMs,
    1,
    MAX_TIMER_MS,
  );
  const maxIntervalMs = wholeNumber(
    "maxIntervalMs",
    options.maxIntervalMs ?? POLL_DEFAULTS.maxIntervalMs,
    MIN_POLL_INTERVAL_MS,
    MAX_TIMER_MS,
  );
  const intervalMs = wholeNumber(
    "intervalMs",
    options.intervalMs ?? POLL_DEFAULTS.intervalMs,
    MIN_POLL_INTERVAL_MS,
    MAX_TIMER_MS,
  );
  // A first wait longer than the longest one starts at the longest.
  return { timeoutMs, intervalMs: Math.min(intervalMs, maxIntervalMs), maxIntervalMs };
}

/**
 * The one poller for long-running tasks: checks, then waits (doubling up to
 * `maxIntervalMs`) until a check is done, the deadline passes (`run.timedOut`), or the
 * caller aborts (the signal's reason). A check still in flight at the deadline is cut off.
 */
export async function poll<T, Seen>(run: PollRun<T, Seen>, options: PollOptions = {}): Promise<T> {
  const settings = pollSettings(options);
  const { timeoutMs, maxIntervalMs } = settings;
  let interval = settings.intervalMs;
  const wait = options.sleep ?? ((ms: number, s: AbortSignal) => sleep(ms, s, () => undefined));
  const outer = options.signal;
  outer?.throwIfAborted();
  const started = Date.now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const signal = outer ? AbortSignal.any([outer, deadline.signal]) : deadline.signal;
  let polls = 0;
  let lastSeen: Seen | undefined;
  const timedOut = () => run.timedOut({ waitedMs: Date.now() - started, polls, lastSeen });
  try {
    for (;;) {
      polls++;
      const step = await abortable(run.check(signal), signal);
      if (step.done) return step.value;
      if (step.seen !== undefined) lastSeen = step.seen;
      await abortable(wait(interval, signal), signal);
      interval = Math.min(interval * 2, maxIntervalMs);
    }
  } catch (error) {
    if (outer?.aborted) throw outer.reason;
    if (deadline.signal.aborted) throw timedOut();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
