// Issue 12: the helpers sent page_size -1 and 1e9, an empty userId, and a 90-day window.
import { describe, expect, it } from "vitest";
import {
  ClipKitValidationError,
  createZoomCloudRecordingClient,
  type ListAllRecordingsOptions,
  listAllRecordings,
} from "../src/index.js";
import { oneMonthAfter } from "../src/request-rules.js";

function setup() {
  const requests: Request[] = [];
  const client = createZoomCloudRecordingClient({
    auth: () => "tok",
    fetch: async (input, init) => {
      requests.push(new Request(input, init));
      return Response.json({ meetings: [], next_page_token: "" });
    },
  });
  return { client, requests };
}

const base: ListAllRecordingsOptions = { userId: "me", from: "2024-01-01", to: "2024-01-20" };

const refused: { given: string; options: Partial<ListAllRecordingsOptions>; field: string }[] = [
  { given: "page_size -1", options: { page_size: -1 }, field: "page_size" },
  { given: "page_size 1e9", options: { page_size: 1e9 }, field: "page_size" },
  { given: "page_size 2.5", options: { page_size: 2.5 }, field: "page_size" },
  { given: "page_size NaN", options: { page_size: Number.NaN }, field: "page_size" },
  { given: "an empty userId", options: { userId: "" }, field: "userId" },
  { given: "windowDays 0", options: { windowDays: 0 }, field: "windowDays" },
  { given: "a date that does not exist", options: { to: "2024-02-30" }, field: "to" },
  { given: "from after to", options: { from: "2024-02-01" }, field: "from" },
];

describe("listAllRecordings refuses bad input with zero requests", () => {
  it.each(refused)("$given", async ({ options, field }) => {
    const { client, requests } = setup();
    const all = listAllRecordings(client, { ...base, ...options });
    const failure = await all.next().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect((failure as ClipKitValidationError).field).toBe(field);
    expect(requests).toEqual([]);
  });

  it("page_size at the spec's bounds is sent", async () => {
    const { client, requests } = setup();
    for (const page_size of [1, 300]) {
      for await (const _ of listAllRecordings(client, { ...base, page_size })) {
        // no meetings
      }
    }
    expect(requests.map((r) => new URL(r.url).searchParams.get("page_size"))).toEqual(["1", "300"]);
  });
});

describe("windows", () => {
  it("windowDays 90 still sends no window longer than Zoom's one month", async () => {
    const { client, requests } = setup();
    for await (const _ of listAllRecordings(client, {
      ...base,
      to: "2024-03-30",
      windowDays: 90,
    })) {
      // no meetings
    }
    const windows = requests.map((r) => new URL(r.url).searchParams);
    expect(windows.length).toBeGreaterThan(1);
    for (const q of windows) {
      expect((q.get("to") ?? "") <= (oneMonthAfter(q.get("from") ?? "") ?? "")).toBe(true);
    }
  });
});

describe("the raw list call", () => {
  it("refuses a from..to longer than a month, pointing at listAllRecordings", async () => {
    const { client, requests } = setup();
    const call = client.GET("/users/{userId}/recordings", {
      params: { path: { userId: "me" }, query: { from: "2024-01-01", to: "2024-03-31" } },
    });
    await expect(call).rejects.toThrow(/^to: .*one month.*listAllRecordings/);
    expect(requests).toEqual([]);
  });

  it("sends a range of one month", async () => {
    const { client, requests } = setup();
    await client.GET("/users/{userId}/recordings", {
      params: { path: { userId: "me" }, query: { from: "2024-01-01", to: "2024-01-30" } },
    });
    expect(requests).toHaveLength(1);
  });
});
