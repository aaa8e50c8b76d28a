/** The fakes' time: real time plus an offset a test moves forward to expire tokens. */
export interface FakeClock {
  now(): number;
  /** Moves the fake's time forward (tokens, page tokens and signed URLs expire by it). */
  advance(ms: number): void;
}

export function createClock(start: () => number = Date.now): FakeClock {
  let offset = 0;
  return {
    now: () => start() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance by ${ms} ms`);
      offset += ms;
    },
  };
}
