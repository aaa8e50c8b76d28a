import { describe, expect, it } from "vitest";
import { DailyRateLimitError, RateGovernor } from "../../src/governor/index.js";
import { type FakeTime, fakeTime } from "./fake-time.js";

/** Starts `n` callers of `category` at once; resolves with the time each was let through. */
async function startTimes(
  governor: RateGovernor,
  time: FakeTime,
  n: number,
  category: string,
): Promise<number[]> {
  const t0 = time.now();
  const starts: number[] = [];
  const callers = Array.from({ length: n }, async () => {
    await governor.acquire(category);
    starts.push(time.now() - t0);
  });
  await Promise.all([...callers, time.run()]);
  return starts.sort((a, b) => a - b);
}

/** The most starts inside any window of `windowMs`. */
function busiestWindow(starts: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0; i < starts.length; i++) {
    const end = (starts[i] as number) + windowMs;
    most = Math.max(most, starts.filter((t) => t >= (starts[i] as number) && t < end).length);
  }
  return most;
}

const answer = (status: number, headers: Record<string, string>) =>
  new Response(status === 429 ? '{"code":429}' : "{}", { status, headers });

describe("RateGovernor pacing", () => {
  it("lets 100 concurrent Light callers through at no more than 30 in any second (Pro), and no slower", async () => {
    const time = fakeTime();
    const governor = new RateGovernor({ marginMs: 0, now: time.now, sleep: time.sleep });
    const starts = await startTimes(governor, time, 100, "LIGHT");
    expect(starts).toHaveLength(100);
    expect(busiestWindow(starts, 1000)).toBe(30);
    expect(starts.at(-1)).toBe(3000);
  });

  it("paces each category on its own budget, Business limits when asked", async () => {
    const time = fakeTime();
    const pro = new RateGovernor({ marginMs: 0, now: time.now, sleep: time.sleep });
    const [light, medium] = await Promise.all([
      startTimes(pro, time, 30, "LIGHT"),
      startTimes(pro, time, 20, "MEDIUM"),
    ]);
    expect(light.at(-1)).toBe(0);
    expect(medium.at(-1)).toBe(0);
    const business = new RateGovernor({
      plan: "business",
      marginMs: 0,
      now: time.now,
      sleep: time.sleep,
    });
    expect(busiestWindow(await startTimes(business, time, 200, "MEDIUM"), 1000)).toBe(60);
    const intensive = await startTimes(business, time, 21, "RESOURCE_INTENSIVE");
    expect(intensive.at(-1)).toBe(60_000);
  });

  it("counts a request woken late from when it left: the next ones keep a window's distance from it", async () => {
    const time = fakeTime();
    let lagged = false;
    const governor = new RateGovernor({
      marginMs: 0,
      now: time.now,
      // The first wait ends 300 ms late, as on a busy event loop.
      sleep: async (ms) => {
        await time.sleep(ms);
        if (!lagged) time.advance(300);
        lagged = true;
      },
    });
    const starts: number[] = [];
    const t0 = time.now();
    const run = time.run();
    // One at a time, as the CLI lists: 41 Medium requests (20 a second on Pro).
    for (let i = 0; i < 41; i++) {
      await governor.acquire("MEDIUM");
      starts.push(time.now() - t0);
    }
    await run;
    expect(starts[20]).toBe(1300);
    // Not 2000: the 21st left at 1300, so the 41st waits for 2300.
    expect(starts[40]).toBe(2300);
    expect(busiestWindow(starts, 1000)).toBe(20);
  });

  it("counts a request from its answer: a slow answer moves the next window on", async () => {
    const time = fakeTime();
    const governor = new RateGovernor({ marginMs: 0, now: time.now, sleep: time.sleep });
    const sent: number[] = [];
    const t0 = time.now();
    // The 21st answer takes 300 ms: Zoom may have counted it at any time until then.
    const run = time.run();
    for (let i = 0; i < 41; i++) {
      const answered = await governor.acquire("MEDIUM");
      sent.push(time.now() - t0);
      if (sent.length === 21) time.advance(300);
      answered(new Response("{}"));
    }
    await run;
    expect(sent[20]).toBe(1000);
    expect(sent[40]).toBe(2300);
  });

  it("holds every category under the requests-per-second ceiling", async () => {
    const time = fakeTime();
    const governor = new RateGovernor({
      maxRequestsPerSecond: 5,
      now: time.now,
      sleep: time.sleep,
    });
    const both = await Promise.all([
      startTimes(governor, time, 6, "LIGHT"),
      startTimes(governor, time, 6, "MEDIUM"),
    ]);
    expect(
      busiestWindow(
        both.flat().sort((a, b) => a - b),
        1000,
      ),
    ).toBe(5);
  });

  it("by default leaves a margin of 50 ms on each window, for the time a request takes to reach Zoom", async () => {
    const time = fakeTime();
    const governor = new RateGovernor({ now: time.now, sleep: time.sleep });
    const starts = await startTimes(governor, time, 31, "LIGHT");
    expect(starts.at(-1)).toBe(1050);
  });

  it("refuses a plan it does not know, a ceiling below 1 and a negative margin", () => {
    expect(() => new RateGovernor({ marginMs: -1 })).toThrow(/marginMs/);
    expect(() => new RateGovernor({ plan: "gold" as "pro" })).toThrow(/plan/);
    expect(() => new RateGovernor({ maxRequestsPerSecond: 0 })).toThrow(/maxRequestsPerSecond/);
  });
});

describe("RateGovernor learning from answers", () => {
  it("adopts the QPS limit Zoom states for a category", async () => {
    const time = fakeTime();
    const governor = new RateGovernor({ marginMs: 0, now: time.now, sleep: time.sleep });
    governor.observe(
      "LIGHT",
      answer(200, {
        "X-RateLimit-Category": "Light",
        "X-RateLimit-Type": "QPS",
        "X-RateLimit-Limit": "10",
        "X-RateLimit-Remaining": "9",
      }),
    );
    expect(busiestWindow(await startTimes(governor, time, 25, "LIGHT"), 1000)).toBe(10);
  });

  const now = Date.UTC(2026, 11, 4, 12);
  it.each([
    ["delta seconds", "2", 2000],
    ["an HTTP date", new Date(now + 3000).toUTCString(), 3000],
    ["an ISO 8601 date", new Date(now + 4000).toISOString(), 4000],
    ["nothing (the category's window)", undefined, 1000],
  ])("after a QPS 429 with Retry-After as %s, waits that long", async (_form, value, wait) => {
    const time = fakeTime(now);
    const governor = new RateGovernor({ marginMs: 0, now: time.now, sleep: time.sleep });
    governor.observe(
      "MEDIUM",
      answer(429, {
        "X-RateLimit-Category": "Medium",
        "X-RateLimit-Type": "QPS",
        ...(value === undefined ? {} : { "Retry-After": value }),
      }),
    );
    expect(await startTimes(governor, time, 1, "MEDIUM")).toEqual([wait]);
    // Another category is not held up.
    expect(await startTimes(governor, time, 1, "LIGHT")).toEqual([0]);
  });

  it("without Retry-After on a Resource-intensive 429, waits its minute", async () => {
    const time = fakeTime();
    const governor = new RateGovernor({ marginMs: 0, now: time.now, sleep: time.sleep });
    governor.observe("RESOURCE_INTENSIVE", answer(429, { "X-RateLimit-Type": "QPS" }));
    expect(await startTimes(governor, time, 1, "RESOURCE_INTENSIVE")).toEqual([60_000]);
  });
});

describe("RateGovernor daily limit", () => {
  it("throws DailyRateLimitError with the reset time on a Daily-limit 429, then refuses Heavy work until then", async () => {
    const time = fakeTime();
    const governor = new RateGovernor({ marginMs: 0, now: time.now, sleep: time.sleep });
    const resets = new Date(Date.UTC(2026, 11, 5));
    const error = (() => {
      try {
        governor.observe(
          "HEAVY",
          answer(429, {
            "X-RateLimit-Category": "Heavy",
            "X-RateLimit-Type": "Daily-limit",
            "X-RateLimit-Limit": "30000",
            "X-RateLimit-Remaining": "0",
            "Retry-After": resets.toISOString(),
          }),
        );
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DailyRateLimitError);
    expect((error as DailyRateLimitError).resetsAt).toEqual(resets);
    expect((error as DailyRateLimitError).category).toBe("HEAVY");
    await expect(governor.acquire("RESOURCE_INTENSIVE")).rejects.toMatchObject({
      name: "DailyRateLimitError",
      resetsAt: resets,
    });
    // Light work does not draw on the daily cap.
    await expect(governor.acquire("LIGHT")).resolves.toBeTypeOf("function");
    time.advance(resets.getTime() - time.now());
    await expect(governor.acquire("HEAVY")).resolves.toBeTypeOf("function");
  });

  it("takes a Daily-limit 429's HTTP-date Retry-After as the reset itself, even one the clock passed", () => {
    const time = fakeTime();
    const governor = new RateGovernor({ marginMs: 0, now: time.now, sleep: time.sleep });
    const stated = new Date(time.now() - 5000);
    stated.setUTCMilliseconds(0);
    expect(() =>
      governor.observe(
        "HEAVY",
        answer(429, { "X-RateLimit-Type": "Daily-limit", "Retry-After": stated.toUTCString() }),
      ),
    ).toThrow(expect.objectContaining({ resetsAt: stated }));
  });

  it("counts Heavy requests against the cap Zoom reports, and resets at 00:00 UTC without a Retry-After", async () => {
    const time = fakeTime(Date.UTC(2026, 11, 4, 23, 59, 0));
    const governor = new RateGovernor({
      plan: "business",
      marginMs: 0,
      now: time.now,
      sleep: time.sleep,
    });
    governor.observe(
      "HEAVY",
      answer(200, {
        "X-RateLimit-Type": "Daily-limit",
        "X-RateLimit-Limit": "60000",
        "X-RateLimit-Remaining": "1",
      }),
    );
    await governor.acquire("HEAVY");
    const refused = governor.acquire("HEAVY");
    await expect(refused).rejects.toBeInstanceOf(DailyRateLimitError);
    await expect(refused).rejects.toMatchObject({ resetsAt: new Date(Date.UTC(2026, 11, 5)) });
    time.advance(60_000);
    await expect(governor.acquire("HEAVY")).resolves.toBeTypeOf("function");
  });
});
