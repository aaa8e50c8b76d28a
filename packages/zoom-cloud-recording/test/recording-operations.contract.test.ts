// Every operation of the Cloud Recording group beyond the list, against Prism: each
// documented status is forced in turn, with each of its examples, and must reach the caller
// as the spec's example says; every request the client sends must be one the spec allows.
import { describe, expect, it } from "vitest";
import type { ZoomCloudRecordingClient } from "../src/index.js";
import { prismClient } from "./helpers.js";
import { documentedStatuses, requestExample, responseExample } from "./spec-examples.js";

const client = prismClient;

type Method = "get" | "put" | "post" | "delete" | "patch";
type Result = { data?: unknown; error?: unknown; response: Response };
interface Case {
  operation: [string, Method];
  call: (zoom: ZoomCloudRecordingClient, headers: Record<string, string>) => Promise<Result>;
}

const UUID = "atsXxhSEQWit9t+U02HXNQ==";
const SLASH_UUID = "/ajXp112QmuoKj4854875==";
const MEETING_NUMBER = 85746065;
const FILE_ID = "a2f19f96-9294-4f51-8134-6f0eea108eb2";
// biome-ignore lint/suspicious/noExplicitAny: request bodies come from the spec's examples.
const body = (operation: [string, Method]) => requestExample(operation) as any;

const cases: Case[] = [
  {
    operation: ["/meetings/{meetingId}/recordings", "get"],
    call: (zoom, headers) =>
      zoom.GET("/meetings/{meetingId}/recordings", {
        params: {
          path: { meetingId: UUID },
          query: { include_fields: "download_access_token", ttl: 3600 },
        },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings", "delete"],
    call: (zoom, headers) =>
      zoom.DELETE("/meetings/{meetingId}/recordings", {
        params: { path: { meetingId: SLASH_UUID }, query: { action: "trash" } },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/{recordingId}", "delete"],
    call: (zoom, headers) =>
      zoom.DELETE("/meetings/{meetingId}/recordings/{recordingId}", {
        params: { path: { meetingId: UUID, recordingId: FILE_ID }, query: { action: "delete" } },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingUUID}/recordings/status", "put"],
    call: (zoom, headers) =>
      zoom.PUT("/meetings/{meetingUUID}/recordings/status", {
        params: { path: { meetingUUID: SLASH_UUID } },
        body: { action: "recover" },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/{recordingId}/status", "put"],
    call: (zoom, headers) =>
      zoom.PUT("/meetings/{meetingId}/recordings/{recordingId}/status", {
        params: { path: { meetingId: UUID, recordingId: FILE_ID } },
        body: { action: "recover" },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/settings", "get"],
    call: (zoom, headers) =>
      zoom.GET("/meetings/{meetingId}/recordings/settings", {
        params: { path: { meetingId: UUID } },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/settings", "patch"],
    call: (zoom, headers) =>
      zoom.PATCH("/meetings/{meetingId}/recordings/settings", {
        params: { path: { meetingId: UUID } },
        body: body(["/meetings/{meetingId}/recordings/settings", "patch"]),
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/registrants", "get"],
    call: (zoom, headers) =>
      zoom.GET("/meetings/{meetingId}/recordings/registrants", {
        params: {
          path: { meetingId: MEETING_NUMBER },
          query: { status: "pending", page_size: 30, next_page_token: "t" },
        },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/registrants", "post"],
    call: (zoom, headers) =>
      zoom.POST("/meetings/{meetingId}/recordings/registrants", {
        params: { path: { meetingId: MEETING_NUMBER } },
        body: body(["/meetings/{meetingId}/recordings/registrants", "post"]),
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/registrants/questions", "get"],
    call: (zoom, headers) =>
      zoom.GET("/meetings/{meetingId}/recordings/registrants/questions", {
        params: { path: { meetingId: UUID } },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/registrants/questions", "patch"],
    call: (zoom, headers) =>
      zoom.PATCH("/meetings/{meetingId}/recordings/registrants/questions", {
        params: { path: { meetingId: UUID } },
        body: body(["/meetings/{meetingId}/recordings/registrants/questions", "patch"]),
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/registrants/status", "put"],
    call: (zoom, headers) =>
      zoom.PUT("/meetings/{meetingId}/recordings/registrants/status", {
        params: { path: { meetingId: MEETING_NUMBER } },
        body: { action: "approve", registrants: [{ id: "3Z7sEm0TQQieLav3c3OD_g" }] },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/analytics_summary", "get"],
    call: (zoom, headers) =>
      zoom.GET("/meetings/{meetingId}/recordings/analytics_summary", {
        params: { path: { meetingId: UUID }, query: { from: "2020-06-30", to: "2020-07-30" } },
        headers,
      }),
  },
  {
    operation: ["/meetings/{meetingId}/recordings/analytics_details", "get"],
    call: (zoom, headers) =>
      zoom.GET("/meetings/{meetingId}/recordings/analytics_details", {
        params: {
          path: { meetingId: UUID },
          query: { page_size: 30, from: "2020-06-30", to: "2020-07-30", type: "by_download" },
        },
        headers,
      }),
  },
];

const rows = cases.flatMap(({ operation, call }) =>
  documentedStatuses(operation).flatMap(({ status, examples }) =>
    (examples.length > 0 ? examples : [undefined]).map((example) => ({
      name: `${operation[1].toUpperCase()} ${operation[0]} ${status}${example ? ` ${example}` : ""}`,
      operation,
      call,
      status,
      example,
    })),
  ),
);

describe("the Cloud Recording group against Prism", () => {
  it("covers the 14 operations and every status each documents", () => {
    expect(cases).toHaveLength(14);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set([200, 201, 204, 400, 401, 404, 429]),
    );
  });

  // "%s" and not "$name": vitest shortens interpolated object fields to 40 characters.
  it.each(rows.map((row) => [row.name, row] as const))("%s", async (_, row) => {
    const { operation, call, status, example } = row;
    const prefer = `code=${status}${example ? `, example=${example}` : ""}`;
    const { data, error, response } = await call(client(), { Prefer: prefer });
    expect(response.status).toBe(status);
    const want = example ? responseExample(String(status), example, operation) : undefined;
    if (status >= 400) {
      expect(data).toBeUndefined();
      expect(error).toEqual(want);
    } else {
      expect(error).toBeUndefined();
      if (want !== undefined) expect(data).toEqual(want);
    }
  });

  it("fails the test when an action outside trash|delete reaches Prism", async () => {
    const bad = client().DELETE("/meetings/{meetingId}/recordings", {
      params: {
        path: { meetingId: UUID },
        // @ts-expect-error -- deliberately outside the enum to prove Prism's validator is on
        query: { action: "shred" },
      },
    });
    await expect(bad).rejects.toThrow(/not allowed by the spec/);
  });
});
