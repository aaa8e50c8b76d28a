// A client given a RateGovernor: every attempt waits for a slot of its operation's category
// (from the generated table), retries included, and a daily limit ends the call typed.
import { DailyRateLimitError, RateGovernor } from "@clipkit/core/governor";
import { describe, expect, it } from "vitest";
import { createZoomCloudRecordingClient } from "../src/index.js";

interface Sent {
  url: string;
  headers: Headers;
}

function fakeZoom(answers: (() => Response)[]) {
  const sent: Sent[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, headers: request.headers });
    const next = answers.shift();
    return next ? next() : Response.json({ meetings: [], next_page_token: "" });
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

function recordingWaits() {
  const waits: number[] = [];
  let now = Date.UTC(2026, 11, 4, 12);
  return {
    waits,
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

const list = (client: ReturnType<typeof createZoomCloudRecordingClient>) =>
  client.GET("/users/{userId}/recordings", { params: { path: { userId: "me" } } });

describe("a Zoom client with a RateGovernor", () => {
  it("waits out a QPS 429's Retry-After before the retry, and sends no governor header", async () => {
    const clock = recordingWaits();
    const governor = new RateGovernor({ now: clock.now, sleep: clock.sleep });
    const zoom = fakeZoom([
      () =>
        Response.json(
          { code: 429, message: "Too many requests" },
          {
            status: 429,
            headers: {
              "X-RateLimit-Category": "Medium",
              "X-RateLimit-Type": "QPS",
              "Retry-After": "2",
            },
          },
        ),
    ]);
    const client = createZoomCloudRecordingClient({
      auth: "token",
      fetch: zoom.fetch,
      governor,
      // The client's own retry waits nothing here: the governor's wait is what is measured.
      sleep: async () => {},
    });
    const { response } = await list(client);
    expect(response.status).toBe(200);
    expect(zoom.sent).toHaveLength(2);
    expect(clock.waits).toEqual([2000]);
    for (const { headers } of zoom.sent) expect(headers.has("x-clipkit-rate-category")).toBe(false);
  });

  it("shares one Medium budget between two clients: the 21st call in a second waits", async () => {
    const clock = recordingWaits();
    const governor = new RateGovernor({ now: clock.now, sleep: clock.sleep });
    const zoom = fakeZoom([]);
    const a = createZoomCloudRecordingClient({ auth: "t", fetch: zoom.fetch, governor });
    const b = createZoomCloudRecordingClient({ auth: "t", fetch: zoom.fetch, governor });
    await Promise.all(Array.from({ length: 21 }, (_, i) => list(i % 2 ? a : b)));
    expect(zoom.sent).toHaveLength(21);
    // A second after the first, plus the governor's default 50 ms margin.
    expect(clock.waits).toEqual([1050]);
  });

  it("throws DailyRateLimitError on a Daily-limit 429, without retrying", async () => {
    const clock = recordingWaits();
    const governor = new RateGovernor({ now: clock.now, sleep: clock.sleep });
    const resetsAt = "2026-12-05T00:00:00Z";
    const zoom = fakeZoom([
      () =>
        Response.json(
          { code: 429, message: "daily limit" },
          {
            status: 429,
            headers: { "X-RateLimit-Type": "Daily-limit", "Retry-After": resetsAt },
          },
        ),
    ]);
    const client = createZoomCloudRecordingClient({ auth: "t", fetch: zoom.fetch, governor });
    const error = await list(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DailyRateLimitError);
    expect((error as DailyRateLimitError).resetsAt).toEqual(new Date(resetsAt));
    expect(zoom.sent).toHaveLength(1);
  });

  it("leaves a client without a governor unpaced", async () => {
    const zoom = fakeZoom([]);
    const client = createZoomCloudRecordingClient({ auth: "t", fetch: zoom.fetch });
    await Promise.all(Array.from({ length: 25 }, () => list(client)));
    expect(zoom.sent).toHaveLength(25);
  });
});
