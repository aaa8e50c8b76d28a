// A clock and a sleep that only move when `run` moves them: every wait ends exactly on time,
// in order, and a test of minutes runs in milliseconds.
export interface FakeTime {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Moves the clock from wait to wait until nothing is waiting. */
  run(): Promise<void>;
  advance(ms: number): void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function fakeTime(start = Date.UTC(2026, 11, 4, 12)): FakeTime {
  let now = start;
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        timers.push({ at: now + ms, resolve });
      }),
    async run() {
      for (;;) {
        await turn();
        if (timers.length === 0) return;
        timers.sort((a, b) => a.at - b.at);
        const timer = timers.shift() as { at: number; resolve: () => void };
        now = Math.max(now, timer.at);
        timer.resolve();
      }
    },
    advance(ms) {
      now += ms;
    },
  };
}
