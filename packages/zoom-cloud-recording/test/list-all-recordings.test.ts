import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AbortError,
  ApiError,
  VERSION as CORE_VERSION,
  NotFoundError,
  PaginationLoopError,
} from "@clipkit/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  createZoomCloudRecordingClient,
  listAllRecordings,
  VERSION,
  ZoomRecordingsError,
} from "../src/index.js";
import { collect } from "./helpers.js";

// A fake Zoom on loopback: pages keyed by next_page_token, answered per request.
type Answer = [status: number, body: unknown];
const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function fakeZoom(answer: (url: URL) => Answer) {
  const requests: Array<{ url: URL; headers: Record<string, unknown> }> = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    requests.push({ url, headers: req.headers });
    const [status, body] = answer(url);
    res.writeHead(status, { "content-type": "application/json", "x-zm-trackingid": "trk-1" });
    res.end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const meeting = (id: number) => ({ id, uuid: `u${id}`, topic: `m${id}` });

describe("listAllRecordings", () => {
  it("follows next_page_token within each date window", async () => {
    const zoom = await fakeZoom((url) => {
      const token = url.searchParams.get("next_page_token") ?? "";
      const from = url.searchParams.get("from");
      const base = from === "2024-01-01" ? 0 : 10;
      return token === ""
        ? [200, { meetings: [meeting(base + 1)], next_page_token: "p2" }]
        : [200, { meetings: [meeting(base + 2)], next_page_token: "" }];
    });
    const client = createZoomCloudRecordingClient({ auth: "tok", baseUrl: zoom.url });
    const got = await collect(
      listAllRecordings(client, {
        userId: "me",
        from: "2024-01-01",
        to: "2024-01-31",
        windowDays: 20,
      }),
    );
    expect(got.map((m) => m.id)).toEqual([1, 2, 11, 12]);
    expect(
      zoom.requests.map((r) => [
        r.url.searchParams.get("from"),
        r.url.searchParams.get("next_page_token"),
      ]),
    ).toEqual([
      ["2024-01-01", null],
      ["2024-01-01", "p2"],
      ["2024-01-21", null],
      ["2024-01-21", "p2"],
    ]);
  });

  it("asks February alone when listing 2025-02-01..2025-03-31 (no window longer than a month)", async () => {
    const zoom = await fakeZoom(() => [200, { meetings: [], next_page_token: "" }]);
    const client = createZoomCloudRecordingClient({ auth: "tok", baseUrl: zoom.url });
    await collect(
      listAllRecordings(client, { userId: "me", from: "2025-02-01", to: "2025-03-31" }),
    );
    expect(
      zoom.requests.map((r) => [r.url.searchParams.get("from"), r.url.searchParams.get("to")]),
    ).toEqual([
      ["2025-02-01", "2025-02-28"],
      ["2025-03-01", "2025-03-31"],
    ]);
  });

  it('hands out meeting types as numbers whether Zoom sends 2 or "2"', async () => {
    const zoom = await fakeZoom(() => [
      200,
      {
        meetings: [
          { ...meeting(1), type: "2" },
          { ...meeting(2), type: 8 },
        ],
        next_page_token: "",
      },
    ]);
    const client = createZoomCloudRecordingClient({ auth: "tok", baseUrl: zoom.url });
    const got = await collect(
      listAllRecordings(client, { userId: "me", from: "2025-01-01", to: "2025-01-02" }),
    );
    expect(got.map((m) => m.type)).toEqual([2, 8]);
  });

  it("stops with PaginationLoopError when Zoom repeats a token", async () => {
    const zoom = await fakeZoom(() => [200, { meetings: [meeting(1)], next_page_token: "same" }]);
    const client = createZoomCloudRecordingClient({ auth: "tok", baseUrl: zoom.url });
    await expect(
      collect(listAllRecordings(client, { userId: "me", from: "2024-01-01", to: "2024-01-02" })),
    ).rejects.toBeInstanceOf(PaginationLoopError);
    expect(zoom.requests).toHaveLength(2);
  });

  it("throws the typed ApiError with Zoom's code, message and tracking ID", async () => {
    const zoom = await fakeZoom(() => [
      404,
      { code: 1001, message: "User does not exist: nobody." },
    ]);
    const client = createZoomCloudRecordingClient({ auth: "tok", baseUrl: zoom.url });
    const error = await collect(
      listAllRecordings(client, { userId: "nobody", from: "2024-01-01", to: "2024-01-02" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    // The old name still works for instanceof checks.
    expect(error).toBeInstanceOf(ZoomRecordingsError);
    expect(error).toMatchObject({
      status: 404,
      code: 1001,
      apiMessage: "User does not exist: nobody.",
      requestId: "trk-1",
    });
  });

  it("sends Bearer auth and a User-Agent naming this package and core", async () => {
    const zoom = await fakeZoom(() => [200, { meetings: [], next_page_token: "" }]);
    const client = createZoomCloudRecordingClient({ auth: async () => "fresh", baseUrl: zoom.url });
    await collect(
      listAllRecordings(client, { userId: "me", from: "2024-01-01", to: "2024-01-02" }),
    );
    expect(zoom.requests[0]?.headers.authorization).toBe("Bearer fresh");
    expect(zoom.requests[0]?.headers["user-agent"]).toBe(
      `@clipkit/zoom-cloud-recording/${VERSION} clipkit-core/${CORE_VERSION} node/${process.version}`,
    );
  });

  it("sends nothing once the signal has aborted, rejecting with its reason as the cause", async () => {
    const zoom = await fakeZoom(() => [200, { meetings: [meeting(1)], next_page_token: "" }]);
    const client = createZoomCloudRecordingClient({ auth: "tok", baseUrl: zoom.url });
    const reason = new Error("stop");
    const failure = await collect(
      listAllRecordings(client, {
        userId: "me",
        from: "2024-01-01",
        to: "2024-01-02",
        signal: AbortSignal.abort(reason),
      }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).cause).toBe(reason);
    expect(zoom.requests).toEqual([]);
  });

  it("VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(VERSION).toBe(pkg.version);
  });
});
