import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AbortError, ClipKitValidationError } from "@clipkit/core";
import { afterEach, describe, expect, it } from "vitest";
import { createZoomCloudRecordingClient, listAllRecordingFiles } from "../src/index.js";
import { collect } from "./helpers.js";

// A fake Zoom on loopback: one page of recordings per date window, and each meeting's
// recordings with its download_access_token. Requests are kept raw, as they reach the server.
const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

const file = (id: string, extra: object = {}) => ({
  id,
  file_type: "MP4",
  download_url: `https://zoom.us/rec/download/${id}`,
  ...extra,
});
const meetings = [
  { uuid: "/slashUuid==", id: 1, type: "2", recording_files: [file("a"), file("b")] },
  // An on-premise file has only a file_path: nothing to download.
  { uuid: "plain==", id: 2, type: 8, recording_files: [{ id: "c", file_path: "/p/c.mp4" }] },
  { uuid: "third==", id: 3, type: 1, recording_files: [file("d")] },
];

async function fakeZoom() {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://x");
    const body = url.pathname.startsWith("/users/")
      ? {
          meetings: url.searchParams.get("from") === "2025-01-01" ? meetings : [],
          next_page_token: "",
        }
      : { download_access_token: `dat-for-${url.pathname.split("/")[2]}` };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { client: createZoomCloudRecordingClient({ auth: "tok", baseUrl }), requests };
}

describe("listAllRecordingFiles", () => {
  it("yields every downloadable file of the range with its meeting, month by month", async () => {
    const { client, requests } = await fakeZoom();
    const got = await collect(
      listAllRecordingFiles(client, { userId: "me", from: "2025-01-01", to: "2025-03-10" }),
    );
    expect(got.map((g) => [g.meeting.id, g.meeting.type, g.file.id])).toEqual([
      [1, 2, "a"],
      [1, 2, "b"],
      [3, 1, "d"],
    ]);
    expect(got[0]?.meeting).not.toHaveProperty("recording_files");
    expect(got[0]?.downloadAccessToken).toBeUndefined();
    expect(requests.map((r) => new URL(r, "http://x").searchParams.get("to"))).toEqual([
      "2025-01-31",
      "2025-02-28",
      "2025-03-10",
    ]);
  });

  it("fetches each meeting's download_access_token by its UUID, double-encoded where Zoom requires", async () => {
    const { client, requests } = await fakeZoom();
    const got = await collect(
      listAllRecordingFiles(client, {
        userId: "me",
        from: "2025-01-01",
        to: "2025-01-31",
        downloadAccessTokens: true,
        ttl: 3600,
      }),
    );
    expect(got.map((g) => g.downloadAccessToken)).toEqual([
      "dat-for-%252FslashUuid%253D%253D",
      "dat-for-%252FslashUuid%253D%253D",
      "dat-for-third%3D%3D",
    ]);
    // One token request per meeting that has files to download, none for the on-premise one.
    expect(requests.filter((r) => r.startsWith("/meetings/"))).toEqual([
      "/meetings/%252FslashUuid%253D%253D/recordings?include_fields=download_access_token&ttl=3600",
      "/meetings/third%3D%3D/recordings?include_fields=download_access_token&ttl=3600",
    ]);
  });

  it("asks for download_access_token without a ttl when none is given (Zoom's default applies)", async () => {
    const { client, requests } = await fakeZoom();
    await collect(
      listAllRecordingFiles(client, {
        userId: "me",
        from: "2025-01-01",
        to: "2025-01-31",
        downloadAccessTokens: true,
      }),
    );
    expect(requests.filter((r) => r.startsWith("/meetings/"))).toEqual([
      "/meetings/%252FslashUuid%253D%253D/recordings?include_fields=download_access_token",
      "/meetings/third%3D%3D/recordings?include_fields=download_access_token",
    ]);
  });

  it.each([0, 604_800])("sends ttl %s, a bound of the spec's 0..604800", async (ttl) => {
    const { client, requests } = await fakeZoom();
    await collect(
      listAllRecordingFiles(client, {
        userId: "me",
        from: "2025-01-01",
        to: "2025-01-31",
        downloadAccessTokens: true,
        ttl,
      }),
    );
    expect(requests.filter((r) => r.startsWith("/meetings/")).map((r) => r.split("&")[1])).toEqual([
      `ttl=${ttl}`,
      `ttl=${ttl}`,
    ]);
  });

  it("aborts a token request in flight when the signal aborts", async () => {
    const controller = new AbortController();
    const reason = new Error("user stopped the archive");
    const paths: string[] = [];
    const client = createZoomCloudRecordingClient({
      auth: "tok",
      maxRetries: 0,
      // Only reached if the token request ignored the signal: fails the test in 2 s, not 30.
      timeoutMs: 2_000,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        paths.push(new URL(request.url).pathname);
        if (paths.length === 1) return Response.json({ meetings, next_page_token: "" });
        controller.abort(reason);
        return new Promise<Response>((_resolve, reject) => {
          if (request.signal.aborted) reject(request.signal.reason);
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
        });
      },
    });
    const failure = await collect(
      listAllRecordingFiles(client, {
        userId: "me",
        from: "2025-01-01",
        to: "2025-01-31",
        downloadAccessTokens: true,
        signal: controller.signal,
      }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).cause).toBe(reason);
    expect(paths).toEqual([
      "/v2/users/me/recordings",
      "/v2/meetings/%252FslashUuid%253D%253D/recordings",
    ]);
  });

  it.each([
    [
      "a ttl without downloadAccessTokens",
      { ttl: 60 },
      "ttl applies only with downloadAccessTokens: true",
    ],
    [
      "a ttl over seven days",
      { downloadAccessTokens: true, ttl: 604_801 },
      "expected whole seconds from 0 to 604800, got 604801",
    ],
    [
      "a negative ttl",
      { downloadAccessTokens: true, ttl: -1 },
      "expected whole seconds from 0 to 604800, got -1",
    ],
    [
      "a fractional ttl",
      { downloadAccessTokens: true, ttl: 1.5 },
      "expected whole seconds from 0 to 604800, got 1.5",
    ],
  ])("rejects %s before any request", async (_, options, message) => {
    const { client, requests } = await fakeZoom();
    const error = await collect(
      listAllRecordingFiles(client, {
        userId: "me",
        from: "2025-01-01",
        to: "2025-01-31",
        ...options,
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error).toMatchObject({ field: "ttl", message: `ttl: ${message}` });
    expect(requests).toEqual([]);
  });

  it("rejects a range longer than it is wide before any request", async () => {
    const { client, requests } = await fakeZoom();
    const error = await collect(
      listAllRecordingFiles(client, { userId: "me", from: "2025-02-01", to: "2025-01-01" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect(error).toMatchObject({ field: "from" });
    expect(requests).toEqual([]);
  });
});
