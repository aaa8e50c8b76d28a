// The thin recordings commands, in-process, against the Zoom fake.
import { startZoomFake, type ZoomFake } from "@clipkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(table.stdout).toContain(meeting.files[0]?.id);

    expect((await zoom("trash", meeting.uuid)).code).toBe(0);
    expect(meeting.trashedAt).toBeDefined();
    const missing = await zoom("get", meeting.uuid);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/^clipkit: .*3301|There is no recording/);
    expect((await zoom("recover", meeting.uuid)).code).toBe(0);
    expect(meeting.trashedAt).toBeUndefined();
  });
});
