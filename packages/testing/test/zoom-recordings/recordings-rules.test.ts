// The Cloud Recording fake's rules beyond the main flows: listing parameters, trash, recover,
// delete, meeting lookups and the fake's own state helpers.
import { afterEach, describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.js";
import { fileBytes, fileSha256 } from "../../src/file-content.js";
import { startZoomFake, type ZoomFake, type ZoomFakeOptions } from "../../src/index.js";
import { specSchemas } from "../spec-schemas.js";

const schemas = specSchemas("zoom-cloud-recording");
const NOW = Date.UTC(2024, 2, 15, 12);

let fake: ZoomFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
async function start(options: ZoomFakeOptions = {}) {
  fake = await startZoomFake({ clock: createClock(() => NOW), ...options });
  return fake;
}

async function send(f: ZoomFake, method: string, path: string, body?: string) {
  const response = await fetch(`${f.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${f.issueToken()}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: checked against the spec where it has a schema.
  const json: any = text ? JSON.parse(text) : undefined;
  if (json !== undefined && response.status >= 400)
    expect(schemas.schema("ZoomError")(json)).toBe(true);
  return { status: response.status, body: json };
}

async function list(f: ZoomFake, query: string, user = "me") {
  const answer = await send(f, "GET", `/users/${user}/recordings?${query}`);
  if (answer.status < 500)
    schemas.check("GET", "/users/{userId}/recordings", answer.status, answer.body);
  return answer;
}
const uuids = (body: { meetings: Array<{ uuid: string }> }) => body.meetings.map((m) => m.uuid);
const bad = (message: string) => ({ status: 400, body: { code: 300, message } });

describe("listing parameters", () => {
  it("lists today's meetings without a range, and up to today from a start", async () => {
    const f = await start({ meetingsPerUser: 3, from: "2024-03-14", to: "2024-03-16" });
    const today = await list(f, "");
    expect(today.body).toMatchObject({ from: "2024-03-15", to: "2024-03-16" });
    expect(
      today.body.meetings.map((m: { start_time: string }) => m.start_time.slice(0, 10)),
    ).toEqual(["2024-03-16", "2024-03-15"]);
    const since = await list(f, "from=2024-03-14");
    expect(since.body).toMatchObject({ from: "2024-03-14", to: "2024-03-15", total_records: 2 });
  });

  it.each([
    ["page_size=0", "Invalid field: page_size must be an integer from 1 to 300."],
    ["page_size=301", "Invalid field: page_size must be an integer from 1 to 300."],
    ["page_size=1.5", "Invalid field: page_size must be an integer from 1 to 300."],
    ["page_size=-1", "Invalid field: page_size must be an integer from 1 to 300."],
    ["trash=yes", "Invalid field: trash must be true or false."],
    ["mc=1", "Invalid field: mc must be true or false."],
    ["trash=true&trash_type=all", "Invalid field: trash_type."],
    ["meeting_id=abc", "Invalid field: meeting_id."],
    ["from=2024-3-1", "Invalid field: from must be a date as yyyy-mm-dd."],
    ["from=2024-03-01&to=2024-02-30", "Invalid field: to must be a date as yyyy-mm-dd."],
    ["from=2024-03-10&to=2024-03-09", "The from date must be before the to date."],
    ["from=2024-03-10&to=2024-04-10", "The date range can be at most one month."],
  ])("refuses %s", async (query, message) => {
    const f = await start({ meetingsPerUser: 1 });
    expect(await list(f, query)).toMatchObject(bad(message));
  });

  it("takes page sizes 1 and 300, mc and a one-day range", async () => {
    const f = await start({ meetingsPerUser: 3, from: "2024-03-01", to: "2024-03-03" });
    const one = await list(f, "from=2024-03-01&to=2024-03-31&page_size=1&mc=false");
    expect(one.body).toMatchObject({ page_size: 1, page_count: 3, total_records: 3 });
    expect(one.body.meetings).toHaveLength(1);
    expect(
      (await list(f, "from=2024-03-01&to=2024-03-31&page_size=300&mc=true")).body.page_count,
    ).toBe(1);
    const day = await list(f, "from=2024-03-02&to=2024-03-02");
    expect(day.body.meetings.map((m: { start_time: string }) => m.start_time.slice(0, 10))).toEqual(
      ["2024-03-02"],
    );
    expect((await list(f, "from=2024-03-04&to=2024-03-31")).body).toMatchObject({
      page_count: 0,
      total_records: 0,
      next_page_token: "",
      meetings: [],
    });
  });

  it("rounds page_count up", async () => {
    const f = await start({ meetingsPerUser: 7, from: "2024-03-01", to: "2024-03-07" });
    expect((await list(f, "from=2024-03-01&to=2024-03-31&page_size=3")).body.page_count).toBe(3);
  });

  it("filters by meeting number", async () => {
    const f = await start({ meetingsPerUser: 3, from: "2024-03-01", to: "2024-03-03" });
    const target = f.state.meetings[1];
    const found = await list(f, `from=2024-03-01&to=2024-03-31&meeting_id=${target?.id}`);
    expect(uuids(found.body)).toEqual([target?.uuid]);
  });

  it("refuses a page token of another user, and answers 404 code 1001 for an unknown user", async () => {
    const f = await start({ users: 2, meetingsPerUser: 3, from: "2024-03-01", to: "2024-03-03" });
    const first = await list(f, "from=2024-03-01&to=2024-03-31&page_size=1");
    const other = await list(
      f,
      `next_page_token=${first.body.next_page_token}`,
      f.state.users[1]?.id,
    );
    expect(other).toMatchObject(bad("The next page token is invalid or expired."));
    const own = await list(
      f,
      `next_page_token=${first.body.next_page_token}`,
      f.state.users[0]?.email.toUpperCase(),
    );
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ from: "2024-03-01", to: "2024-03-31", page_size: 1 });
    expect(await list(f, "", "nobody")).toMatchObject({
      status: 404,
      body: {
        code: 1001,
        message: "User nobody does not exist or does not belong to this account.",
      },
    });
  });
});

describe("trash, recover and delete", () => {
  const RANGE = "from=2024-03-01&to=2024-03-31";
  async function setup() {
    const f = await start({
      meetingsPerUser: 3,
      from: "2024-03-01",
      to: "2024-03-03",
      awkwardUuids: false,
    });
    const [a, b] = f.state.meetings;
    if (!a || !b) throw new Error("no meetings");
    return { f, a, b };
  }

  it("lists the trash whatever the range, and only the trash", async () => {
    const { f, a } = await setup();
    expect((await send(f, "DELETE", `/meetings/${a.id}/recordings`)).status).toBe(204);
    expect(a.trashedAt).toBe(NOW);
    const trash = await list(f, "trash=true&from=2020-01-01&to=2024-12-31");
    expect(uuids(trash.body)).toEqual([a.uuid]);
    expect(trash.body.meetings[0].recording_files[0].deleted_time).toBe("2024-03-15T12:00:00Z");
    expect(uuids((await list(f, RANGE)).body)).not.toContain(a.uuid);
    expect(uuids((await list(f, "trash=true&trash_type=recording_file")).body)).toEqual([]);
    // Trashing again: there is nothing left to trash.
    expect(await send(f, "DELETE", `/meetings/${a.id}/recordings?action=trash`)).toMatchObject({
      status: 404,
      body: { code: 3301, message: "There is no recording for this meeting." },
    });
    expect((await send(f, "GET", `/meetings/${a.id}/recordings`)).body.code).toBe(3301);
  });

  it("trashes one file: out of the meeting, into the file trash, and back", async () => {
    const { f, a } = await setup();
    const [file, other] = a.files;
    if (!file || !other) throw new Error("no files");
    expect((await send(f, "DELETE", `/meetings/${a.uuid}/recordings/${file.id}`)).status).toBe(204);
    expect(file.trashedAt).toBe(NOW);
    const meeting = await send(f, "GET", `/meetings/${a.uuid}/recordings`);
    expect(meeting.body.recording_files.map((r: { id: string }) => r.id)).not.toContain(file.id);
    expect(meeting.body.recording_count).toBe(a.files.length - 1);
    const fileTrash = await list(f, "trash=true&trash_type=recording_file");
    expect(uuids(fileTrash.body)).toEqual([a.uuid]);
    expect(fileTrash.body.meetings[0].recording_files.map((r: { id: string }) => r.id)).toEqual([
      file.id,
    ]);
    expect(uuids((await list(f, "trash=true")).body)).toEqual([]);
    const listed = (await list(f, RANGE)).body.meetings.find(
      (m: { uuid: string }) => m.uuid === a.uuid,
    );
    expect(listed.recording_files).toHaveLength(a.files.length - 1);
    const download = await fetch(`${f.origin}/rec/download/${file.id.replaceAll("-", "")}`, {
      headers: { authorization: `Bearer ${f.issueToken()}` },
      redirect: "manual",
    });
    expect(download.status).toBe(404);
    const recovered = await send(
      f,
      "PUT",
      `/meetings/${a.uuid}/recordings/${file.id}/status`,
      '{"action":"recover"}',
    );
    expect(recovered.status).toBe(204);
    expect(file.trashedAt).toBeUndefined();
    const again = await send(
      f,
      "PUT",
      `/meetings/${a.uuid}/recordings/${file.id}/status`,
      '{"action":"recover"}',
    );
    expect(again).toMatchObject({
      status: 404,
      body: { code: 3301, message: "There is no recording in the trash." },
    });
  });

  it("hides a trashed meeting from the file trash", async () => {
    const { f, a } = await setup();
    const file = a.files[0];
    await send(f, "DELETE", `/meetings/${a.id}/recordings/${file?.id}`);
    await send(f, "DELETE", `/meetings/${a.id}/recordings`);
    expect(uuids((await list(f, "trash=true&trash_type=recording_file")).body)).toEqual([]);
    expect(uuids((await list(f, "trash=true")).body)).toEqual([a.uuid]);
  });

  it("deletes a meeting for good: gone from listings, the trash, lookups and downloads", async () => {
    const { f, a } = await setup();
    const file = a.files[0];
    await send(f, "DELETE", `/meetings/${a.id}/recordings?action=trash`);
    expect((await send(f, "DELETE", `/meetings/${a.id}/recordings?action=delete`)).status).toBe(
      204,
    );
    expect(a.deleted).toBe(true);
    expect(uuids((await list(f, "trash=true")).body)).toEqual([]);
    expect((await send(f, "GET", `/meetings/${a.uuid}/recordings`)).status).toBe(404);
    expect((await send(f, "GET", `/meetings/${a.id}/recordings`)).status).toBe(404);
    expect(
      (await send(f, "PUT", `/meetings/${a.uuid}/recordings/status`, '{"action":"recover"}'))
        .status,
    ).toBe(404);
    const download = await fetch(`${f.origin}/rec/download/${file?.id.replaceAll("-", "")}`, {
      headers: { authorization: `Bearer ${f.issueToken()}` },
      redirect: "manual",
    });
    expect(download.status).toBe(404);
  });

  it("deletes one file for good", async () => {
    const { f, a } = await setup();
    const [file] = a.files;
    const count = a.files.length;
    expect(
      (await send(f, "DELETE", `/meetings/${a.id}/recordings/${file?.id}?action=delete`)).status,
    ).toBe(204);
    expect(a.files).toHaveLength(count - 1);
    expect(a.deleted).toBeUndefined();
    expect(f.state.file(file?.id ?? "")).toBeUndefined();
    // Its download URL is gone with it.
    const download = await fetch(`${f.origin}/rec/download/${file?.id.replaceAll("-", "")}`, {
      headers: { authorization: `Bearer ${f.issueToken()}` },
      redirect: "manual",
    });
    expect(download.status).toBe(404);
  });

  it("recovers a meeting by its UUID", async () => {
    const { f, a, b } = await setup();
    await send(f, "DELETE", `/meetings/${a.id}/recordings`);
    const recovered = await send(
      f,
      "PUT",
      `/meetings/${encodeURIComponent(a.uuid)}/recordings/status`,
      '{"action":"recover"}',
    );
    expect(recovered.status).toBe(204);
    expect(a.trashedAt).toBeUndefined();
    expect(
      await send(f, "PUT", `/meetings/${b.id}/recordings/status`, '{"action":"recover"}'),
    ).toMatchObject({
      status: 404,
      body: { message: "There is no recording in the trash." },
    });
  });

  it.each([
    ["{oops", "Request body is not JSON."],
    ['{"action":"restore"}', "Invalid field: action."],
    ["{}", "Invalid field: action."],
  ])("refuses a recover body %s", async (body, message) => {
    const { f, a } = await setup();
    await send(f, "DELETE", `/meetings/${a.id}/recordings`);
    expect(await send(f, "PUT", `/meetings/${a.id}/recordings/status`, body)).toMatchObject(
      bad(message),
    );
    expect(a.trashedAt).toBe(NOW);
  });

  it("refuses another delete action", async () => {
    const { f, a } = await setup();
    expect(await send(f, "DELETE", `/meetings/${a.id}/recordings?action=shred`)).toMatchObject(
      bad("Invalid field: action."),
    );
    expect(a.trashedAt).toBeUndefined();
  });

  it("answers 405 for a method a recordings path does not have", async () => {
    const { f, a } = await setup();
    expect(await send(f, "POST", `/meetings/${a.id}/recordings`)).toMatchObject({
      status: 405,
      body: { code: 405, message: "POST is not allowed here." },
    });
    expect((await send(f, "GET", `/meetings/${a.id}/recordings/status`)).status).toBe(405);
    expect((await send(f, "DELETE", `/meetings/${a.id}/recordings/status`)).status).toBe(405);
    expect((await send(f, "PUT", `/meetings/${a.id}/recordings`)).status).toBe(405);
    expect((await send(f, "GET", `/meetings/${a.id}/recordings/${a.files[0]?.id}`)).status).toBe(
      405,
    );
    expect((await send(f, "POST", "/users/me/recordings")).status).toBe(404);
  });
});

describe("one meeting", () => {
  it("is found by number (the latest occurrence) or UUID, and 404 code 3301 otherwise", async () => {
    const f = await start({
      meetingsPerUser: 2,
      from: "2024-03-01",
      to: "2024-03-02",
      awkwardUuids: false,
    });
    const [a, b] = f.state.meetings;
    if (!a || !b) throw new Error("no meetings");
    b.id = a.id;
    expect((await send(f, "GET", `/meetings/${a.id}/recordings`)).body.uuid).toBe(b.uuid);
    expect(
      (await send(f, "GET", `/meetings/${encodeURIComponent(a.uuid)}/recordings`)).body.uuid,
    ).toBe(a.uuid);
    // Double-encoding a UUID that does not need it is fine too.
    expect(
      (
        await send(
          f,
          "GET",
          `/meetings/${encodeURIComponent(encodeURIComponent(a.uuid))}/recordings`,
        )
      ).body.uuid,
    ).toBe(a.uuid);
    expect(await send(f, "GET", "/meetings/123/recordings")).toMatchObject({
      status: 404,
      body: { code: 3301, message: "There is no recording for this meeting." },
    });
    expect(await send(f, "GET", `/meetings/${a.id}/recordings/nope`)).toMatchObject({
      status: 404,
      body: { code: 3301, message: "This recording does not exist." },
    });
    expect(await send(f, "GET", "/meetings")).toMatchObject({ status: 404, body: { code: 404 } });
  });

  it("needs a UUID with // double-encoded", async () => {
    const f = await start({ meetingsPerUser: 4 });
    const awkward = f.state.meetings.find((m) => m.uuid.includes("//"));
    if (!awkward) throw new Error("no awkward UUID");
    expect(
      (await send(f, "GET", `/meetings/${encodeURIComponent(awkward.uuid)}/recordings`)).status,
    ).toBe(404);
    const twice = encodeURIComponent(encodeURIComponent(awkward.uuid));
    expect((await send(f, "GET", `/meetings/${twice}/recordings`)).body.uuid).toBe(awkward.uuid);
  });

  it("issues a download token for the asked ttl, 1 day by default, at most 7 days", async () => {
    let now = NOW;
    const f = await start({ meetingsPerUser: 1, clock: createClock(() => now) });
    const meeting = f.state.meetings[0];
    const file = meeting?.files[0];
    const withToken = async (ttl?: string) => {
      const answer = await send(
        f,
        "GET",
        `/meetings/${meeting?.id}/recordings?include_fields=download_access_token${ttl === undefined ? "" : `&ttl=${ttl}`}`,
      );
      if (answer.status === 200)
        schemas.check("GET", "/meetings/{meetingId}/recordings", 200, answer.body);
      return answer;
    };
    const plain = await send(f, "GET", `/meetings/${meeting?.id}/recordings?include_fields=other`);
    expect(plain.body.download_access_token).toBeUndefined();
    const defaultToken = (await withToken()).body.download_access_token;
    const weekToken = (await withToken("604800")).body.download_access_token;
    expect((await withToken("0")).status).toBe(200);
    for (const ttl of ["-1", "604801", "1.5", "x"]) {
      expect(await withToken(ttl), ttl).toMatchObject(bad("Invalid field: ttl."));
    }
    const download = (token: string) =>
      fetch(`${f.origin}/rec/download/${file?.id.replaceAll("-", "")}?access_token=${token}`, {
        redirect: "manual",
      });
    now += 86_399_000;
    expect((await download(defaultToken)).status).toBe(302);
    now += 1_000;
    expect((await download(defaultToken)).status).toBe(401);
    expect((await download(weekToken)).status).toBe(302);
  });
});

describe("state helpers", () => {
  it("give every file with its meeting and ETag, its bytes and hash, and refuse an unknown file", async () => {
    const f = await start({ meetingsPerUser: 2, filesPerMeeting: 2, fileSize: 300 });
    const files = f.state.files();
    expect(files).toHaveLength(4);
    const [first] = files;
    if (!first) throw new Error("no file");
    expect(first.meeting).toBe(f.state.meetings[0]);
    expect(first.etag).toBe(`"${first.id.replaceAll("-", "")}-300"`);
    expect(f.state.file(first.id)).toMatchObject({ id: first.id, size: 300 });
    expect(f.state.file("nope")).toBeUndefined();
    expect(f.state.fileBytes(first.id).equals(fileBytes(first.contentOffset, 300))).toBe(true);
    expect(f.state.sha256(first.id)).toBe(fileSha256(first.contentOffset, 300));
    expect(() => f.state.fileBytes("nope")).toThrow("no file nope");
    expect(() => f.state.sha256("nope")).toThrow("no file nope");
    expect(f.baseUrl).toBe(`${f.origin}/v2`);
    expect(f.tokenUrl).toBe(`${f.origin}/oauth/token`);
  });

  it("serve a file's own content type and extension from the CDN", async () => {
    const f = await start({ meetingsPerUser: 1, filesPerMeeting: 3, fileSize: 10 });
    const transcript = f.state.files()[2];
    const hop = await fetch(`${f.origin}/rec/download/${transcript?.id.replaceAll("-", "")}`, {
      headers: { authorization: `Bearer ${f.issueToken()}` },
      redirect: "manual",
    });
    const location = hop.headers.get("location") ?? "";
    expect(new URL(location).pathname).toMatch(/\.vtt$/);
    const body = await fetch(location);
    expect(body.headers.get("content-type")).toBe("text/vtt");
    expect(body.headers.get("last-modified")).toBe(
      new Date(transcript?.recordingEnd ?? "").toUTCString(),
    );
  });
});
