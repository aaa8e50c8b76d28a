import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { createZoomCloudRecordingClient } from "../src/index.js";
import { oneMonthAfter, RECORDING_RULES } from "../src/request-rules.js";

describe("oneMonthAfter", () => {
  it.each([
    ["2019-08-15", "2019-09-15"],
    ["2024-01-31", "2024-02-29"],
    ["2025-01-31", "2025-02-28"],
    ["2025-12-10", "2026-01-10"],
    ["2025-02-28", "2025-03-28"],
  ])("%s → %s", (from, want) => {
    expect(oneMonthAfter(from)).toBe(want);
  });

  it.each(["x2024-01-01", "2024-01-01x", "2024-1-01", ""])(
    "has no answer for %j, which is not YYYY-MM-DD",
    (from) => {
      expect(oneMonthAfter(from)).toBeUndefined();
    },
  );
});

const rangeRule = RECORDING_RULES.extra?.["GET /users/{userId}/recordings"];
const rangeProblem = (from: string, to: string) => rangeRule?.({ query: { from, to } });

describe("the one-month rule of a recordings list", () => {
  it("refuses a to past one month after from, naming the limit and listAllRecordings", () => {
    expect(rangeProblem("2024-01-31", "2024-03-01")).toEqual({
      field: "to",
      message:
        "2024-01-31..2024-03-01 is longer than the one month Zoom accepts per request (at most 2024-02-29); use listAllRecordings, which splits the range",
    });
  });

  it("accepts a to exactly one month after from, and a range of one day", () => {
    expect(rangeProblem("2019-08-15", "2019-09-15")).toBeUndefined();
    expect(rangeProblem("2024-05-01", "2024-05-01")).toBeUndefined();
  });

  it("refuses a to before from, as listAllRecordings does", () => {
    expect(rangeProblem("2024-05-01", "2024-04-30")).toEqual({
      field: "from",
      message: "2024-05-01 is after to (2024-04-30)",
    });
  });

  // Malformed dates are the spec validation's to report, with its own message.
  it.each([
    ["x2024-01-01", "2024-03-01"],
    ["2024-01-01x", "2024-03-01"],
    ["2024-01-01", "x2024-03-01"],
    ["2024-01-01", "2024-03-01x"],
  ])("leaves %s..%s to the spec validation", (from, to) => {
    expect(rangeProblem(from, to)).toBeUndefined();
  });
});

describe("the request rules in the client", () => {
  function setup() {
    const requests: Request[] = [];
    const client = createZoomCloudRecordingClient({
      auth: "tok",
      maxRetries: 0,
      fetch: async (input, init) => {
        requests.push(new Request(input, init));
        return Response.json({});
      },
    });
    return { client, requests };
  }

  it("hold a recordings list to one month", async () => {
    const { client, requests } = setup();
    const call = client.GET("/users/{userId}/recordings", {
      params: { path: { userId: "me" }, query: { from: "2024-01-01", to: "2024-03-31" } },
    });
    await expect(call).rejects.toBeInstanceOf(ClipKitValidationError);
    await expect(call).rejects.toMatchObject({ field: "to" });
    expect(requests).toEqual([]);
  });

  it("refuse a recordings list whose to is before its from, sending nothing", async () => {
    const { client, requests } = setup();
    const call = client.GET("/users/{userId}/recordings", {
      params: { path: { userId: "me" }, query: { from: "2024-05-01", to: "2024-04-01" } },
    });
    await expect(call).rejects.toMatchObject({
      name: "ClipKitValidationError",
      field: "from",
      message: expect.stringContaining("2024-05-01 is after to (2024-04-01)"),
    });
    expect(requests).toEqual([]);
  });

  it("leave other operations with from and to alone (a recording's analytics over a quarter)", async () => {
    const { client, requests } = setup();
    await client.GET("/meetings/{meetingId}/recordings/analytics_summary", {
      params: { path: { meetingId: "85746065" }, query: { from: "2024-01-01", to: "2024-03-31" } },
    });
    expect(requests.map((r) => new URL(r.url).pathname + new URL(r.url).search)).toEqual([
      "/v2/meetings/85746065/recordings/analytics_summary?from=2024-01-01&to=2024-03-31",
    ]);
  });
});
