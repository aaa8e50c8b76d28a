// The thin recordings commands, in-process, against the Zoom fake.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startZoomFake, type ZoomFake } from "@clipkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBytes } from "../src/output/format.js";
import { runInProcess } from "./run-in-process.js";

let fake: ZoomFake;
beforeAll(async () => {
  fake = await startZoomFake({ from: "2024-01-01", to: "2024-03-31", meetingsPerUser: 9 });
});
afterAll(() => fake?.close());

const zoom = (...args: string[]) =>
  runInProcess(["zoom", "recordings", ...args, "--base-url", fake.baseUrl], {
    env: { ZOOM_TOKEN: fake.issueToken() },
  });

describe("clipkit zoom recordings list|get|trash|recover", () => {
  it("list: every meeting over three months (three listing windows), a table or JSON lines", async () => {
    const table = await zoom("list", "--user", "me", "--from", "2024-01-01", "--to", "2024-03-31");
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^START\s+TOPIC\s+FILES\s+SIZE\s+UUID$/);
    expect(lines).toHaveLength(1 + 9);
    // Each meeting's row: its start, topic, file count, total size and UUID.
    for (const meeting of fake.state.meetings) {
      const bytes = meeting.files.reduce((sum, f) => sum + f.size, 0);
      const row = lines.find((line) => line.endsWith(`  ${meeting.uuid}`));
      expect(row?.split(/ {2,}/)).toEqual([
        meeting.startTime,
        meeting.topic,
        String(meeting.files.length),
        formatBytes(bytes),
        meeting.uuid,
      ]);
    }
    const json = await zoom(
      "list",
      "--user",
      "me",
      "--from",
      "2024-01-01",
      "--to",
      "2024-03-31",
      "--json",
    );
    const uuids = json.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).uuid);
    expect(uuids.sort()).toEqual(fake.state.meetings.map((m) => m.uuid).sort());
  });

  it("get, trash and recover one meeting by its UUID (double-encoded where Zoom requires)", async () => {
    const meeting = fake.state.meetings.find((m) => m.uuid.startsWith("/"));
    if (!meeting) throw new Error("the fake has a UUID that begins with /");
    const got = await zoom("get", meeting.uuid, "--json");
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout).uuid).toBe(meeting.uuid);
    const table = await zoom("get", meeting.uuid);
    const [title, header, ...rows] = table.stdout.trim().split("\n");
    expect(title).toBe(`${meeting.topic} — ${meeting.startTime} — ${meeting.uuid}`);
    expect(header).toMatch(/^TYPE\s+RECORDING TYPE\s+SIZE\s+ID$/);
    expect(rows.map((row) => row.split(/ {2,}/))).toEqual(
      meeting.files.map((f) => [f.fileType, f.recordingType, formatBytes(f.size), f.id]),
    );

    const trashed = await zoom("trash", meeting.uuid);
    expect(trashed).toMatchObject({ code: 0, stdout: `moved to trash: ${meeting.uuid}\n` });
    expect(meeting.trashedAt).toBeDefined();
    const missing = await zoom("get", meeting.uuid);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/^clipkit: .*3301|There is no recording/);
    const recovered = await zoom("recover", meeting.uuid);
    expect(recovered).toMatchObject({ code: 0, stdout: `recovered: ${meeting.uuid}\n` });
    expect(meeting.trashedAt).toBeUndefined();
  });

  it("trash --recording: only that file of the meeting", async () => {
    const meeting = fake.state.meetings.find((m) => m.files.length > 1 && !m.trashedAt);
    const file = meeting?.files[1];
    if (!meeting || !file) throw new Error("the fake has a meeting with two files");
    const run = await zoom("trash", String(meeting.id), "--recording", file.id);
    expect(run).toMatchObject({ code: 0, stdout: `moved to trash: ${meeting.id} / ${file.id}\n` });
    expect(file.trashedAt).toBeDefined();
    expect(meeting.trashedAt).toBeUndefined();
    expect(meeting.files.filter((f) => f.trashedAt !== undefined)).toEqual([file]);
  });

  it("list without --to: up to today", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const run = await zoom("list", "--user", "me", "--from", today, "--json");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const listing = fake.state.requests.filter((r) => r.target === "api").at(-1);
    expect(new URL(listing?.url ?? "", "http://x").searchParams.get("to")).toBe(today);
  });
});

describe("a listing that leaves fields out", () => {
  // Zoom may omit any field; the fake never does: a loopback server that answers sparse JSON.
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = req.url?.startsWith("/v2/users/")
        ? { next_page_token: "", meetings: [{ uuid: "sparse==" }] }
        : { uuid: "sparse==", recording_files: [{}] };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sparse = (...args: string[]) =>
    runInProcess(["zoom", "recordings", ...args, "--base-url", baseUrl], {
      env: { ZOOM_TOKEN: "t0ken-value" },
    });

  it("list: empty cells, no files, 0 B", async () => {
    const run = await sparse("list", "--user", "me", "--from", "2024-01-01", "--to", "2024-01-31");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(
      "START  TOPIC  FILES  SIZE  UUID\n              0      0 B   sparse==\n",
    );
  });

  it("get: empty title parts and cells", async () => {
    const run = await sparse("get", "sparse==");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(
      " —  — sparse==\nTYPE  RECORDING TYPE  SIZE  ID\n                      0 B\n",
    );
  });
});
