import { strictFetch } from "@clipkit/contract-harness";
import { ApiError } from "@clipkit/core";
import { describe, expect, inject, it } from "vitest";
import {
  createZoomCloudRecordingClient,
  listAllRecordingFiles,
  listAllRecordings,
} from "../src/index.js";
import { collect, prismClient } from "./helpers.js";
import { documentedErrors, responseExample } from "./spec-examples.js";

const client = prismClient;

/** A strict fetch that asks Prism for one named example or status on every request. */
const preferring =
  (prefer: string): typeof fetch =>
  (input, init) => {
    const request = new Request(input, init);
    request.headers.set("Prefer", prefer);
    return strictFetch()(request);
  };

describe("GET /users/{userId}/recordings against Prism", () => {
  it("round-trips the seed example into typed data, field by field", async () => {
    const { data, error, response } = await client().GET("/users/{userId}/recordings", {
      params: {
        path: { userId: "me" },
        query: { page_size: 30, from: "2019-08-15", to: "2019-09-15", mc: false, trash: false },
      },
      headers: { Prefer: "example=seed" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    // Compare the typed fields one by one with the spec's own example, so dropping a field
    // from the example (or from the schema's generated type) fails here.
    const want = responseExample("200", "seed") as NonNullable<typeof data>;
    expect(data?.from).toBe(want.from);
    expect(data?.to).toBe(want.to);
    expect(data?.page_count).toBe(want.page_count);
    expect(data?.page_size).toBe(want.page_size);
    expect(data?.total_records).toBe(want.total_records);
    expect(data?.next_page_token).toBe(want.next_page_token);
    const meeting = data?.meetings?.[0];
    const wantMeeting = want.meetings?.[0];
    expect(wantMeeting).toBeDefined();
    for (const key of [
      "uuid",
      "id",
      "account_id",
      "host_id",
      "topic",
      "type",
      "start_time",
      "timezone",
      "duration",
      "total_size",
      "recording_count",
      "share_url",
    ] as const) {
      expect(meeting?.[key], key).toBe(wantMeeting?.[key]);
    }
    expect(meeting?.recording_files).toHaveLength(3);
    const file = meeting?.recording_files?.[0];
    for (const key of [
      "id",
      "meeting_id",
      "recording_start",
      "recording_end",
      "file_type",
      "file_size",
      "play_url",
      "download_url",
      "status",
      "recording_type",
    ] as const) {
      expect(file?.[key], key).toBe(wantMeeting?.recording_files?.[0]?.[key]);
    }
    // Literal values from the seed, so a changed example is noticed too.
    expect(meeting?.uuid).toBe("gkABCDEnCkPuA==");
    expect(file?.recording_type).toBe("audio_only");
    expect(meeting?.recording_files?.[1]?.file_type).toBe("TIMELINE");
  });

  it("sends every documented query parameter in a form the spec allows", async () => {
    const { response } = await client().GET("/users/{userId}/recordings", {
      params: {
        path: { userId: "quis officia in reprehenderit" },
        query: {
          page_size: 30,
          next_page_token: "quis officia in reprehenderit",
          mc: false,
          trash: true,
          trash_type: "recording_file",
          meeting_id: 68423085,
        },
      },
    });
    expect(response.status).toBe(200);
  });

  it.each(documentedErrors())(
    "a forced $status reaches the caller with Zoom's code and message",
    async ({ status, example }) => {
      const { data, error, response } = await client().GET("/users/{userId}/recordings", {
        params: { path: { userId: "me" } },
        headers: { Prefer: `code=${status}, example=${example}` },
      });
      expect(data).toBeUndefined();
      expect(response.status).toBe(status);
      const want = responseExample(String(status), example) as { code: number; message: string };
      expect(error).toEqual({ code: want.code, message: want.message });
    },
  );

  it.each(documentedErrors())(
    "listAllRecordings throws a typed $status with Zoom's code and message",
    async ({ status, example }) => {
      const zoom = createZoomCloudRecordingClient({
        auth: "test-token",
        baseUrl: inject("prismUrl"),
        fetch: preferring(`code=${status}, example=${example}`),
        maxRetries: 0,
      });
      const run = async () => {
        for await (const _ of listAllRecordings(zoom, {
          userId: "me",
          from: "2019-08-15",
          to: "2019-09-15",
        })) {
          // draining
        }
      };
      const error = await run().catch((e: unknown) => e);
      const want = responseExample(String(status), example) as { code: number; message: string };
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status, code: want.code, apiMessage: want.message });
    },
  );

  it("accepts mc in both forms the sources give: a boolean and the published string", async () => {
    for (const mc of [true, "false"] as const) {
      const { response } = await client().GET("/users/{userId}/recordings", {
        params: { path: { userId: "me" }, query: { mc } },
      });
      expect(response.status).toBe(200);
    }
  });

  it("hands out the published example's string meeting type as a number", async () => {
    const published = responseExample("200", "published") as {
      meetings: Array<{ type: string; auto_delete: boolean; auto_delete_date: string }>;
    };
    expect(published.meetings[0]?.type).toBe("4");
    const zoom = createZoomCloudRecordingClient({
      auth: "test-token",
      baseUrl: inject("prismUrl"),
      fetch: preferring("example=published"),
      maxRetries: 0,
    });
    const got = await collect(
      listAllRecordings(zoom, { userId: "me", from: "2022-01-01", to: "2022-01-31" }),
    );
    expect(got.map((m) => [m.type, m.auto_delete, m.auto_delete_date])).toEqual([
      [4, true, "2028-07-12"],
    ]);
  });

  it("lists the archive's files and fetches each meeting's token by its slash UUID", async () => {
    const zoom = createZoomCloudRecordingClient({
      auth: "test-token",
      baseUrl: inject("prismUrl"),
      fetch: preferring("example=published"),
      maxRetries: 0,
    });
    const got = await collect(
      listAllRecordingFiles(zoom, {
        userId: "me",
        from: "2022-01-01",
        to: "2022-01-31",
        downloadAccessTokens: true,
        ttl: 3600,
      }),
    );
    expect(got).toHaveLength(1);
    expect(got[0]?.meeting.uuid).toBe("/BOKXuumlTAGXuqwr3bLyuQ==");
    expect(got[0]?.file.download_url).toBe(
      "https://zoom.us/rec/download/Qg75t7xZBtEbAkjdlgbfdngBBBB",
    );
    const token = responseExample("200", "published", [
      "/meetings/{meetingId}/recordings",
      "get",
    ]) as { download_access_token: string };
    expect(got[0]?.downloadAccessToken).toBe(token.download_access_token);
  });

  it("fails the test when the client sends what the spec forbids", async () => {
    const bad = client().GET("/users/{userId}/recordings", {
      params: {
        path: { userId: "me" },
        // @ts-expect-error -- deliberately outside the enum to prove Prism's validator is on
        query: { trash_type: "everything" },
      },
    });
    await expect(bad).rejects.toThrow(/not allowed by the spec/);
  });

  it("is rejected by Prism without a bearer token", async () => {
    // An AuthProvider that adds nothing: the pipeline applies auth after any middleware,
    // so deleting the header in a middleware would no longer do.
    const noAuth = createZoomCloudRecordingClient({
      auth: { authorize: async (request) => request },
      baseUrl: inject("prismUrl"),
      maxRetries: 0,
    });
    const { response } = await noAuth.GET("/users/{userId}/recordings", {
      params: { path: { userId: "me" } },
    });
    expect(response.status).toBe(401);
  });
});
