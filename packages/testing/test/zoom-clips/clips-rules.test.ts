// The Zoom Clips fake's rules, one behaviour per test: what a user's code can rely on.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.js";
import { fileBytes } from "../../src/file-content.js";
import type { ZoomClipsFake } from "../../src/index.js";
import { generateClips } from "../../src/zoom-clips/clip-data.js";
import { call, form, json, sha, useClipsFake } from "./helpers.js";

const start = useClipsFake();
const LIST = "/clips";
const EVENTS = "/clips/files/multipart/upload_events";
const PART = "/clips/files/multipart";

const ids = (body: { data: Array<{ clip_id: string }> }) => body.data.map((c) => c.clip_id);

describe("generateClips", () => {
  it("makes 40 clips for each of 2 users by default, sized 20–200 KiB, a week in January 2025", () => {
    const { users, clips, accountId } = generateClips();
    expect(users).toHaveLength(2);
    expect(accountId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(clips).toHaveLength(80);
    expect(clips.filter((c) => c.ownerId === users[0]?.id)).toHaveLength(40);
    expect(clips[0]).toMatchObject({
      title: "Product demo #1",
      description: "Recorded by user1@example.com",
      status: "RECORD_SUCCESS",
      tags: ["demo"],
    });
    expect(clips[1]?.title).toBe("Bug repro: login/2FA #2");
    expect(clips[6]?.title).toBe("Product demo #7");
    expect(clips[5]?.tags).toEqual(["demo"]);
    expect(clips[4]?.tags).toEqual(["internal"]);
    for (const clip of clips) {
      expect(clip.id).toMatch(/^[A-Za-z0-9]{22}$/);
      expect(clip.size).toBeGreaterThanOrEqual(20 * 1024);
      expect(clip.size).toBeLessThanOrEqual(200 * 1024);
      expect(clip.duration).toBeGreaterThanOrEqual(5);
      expect(clip.duration).toBeLessThan(605);
      expect(clip.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(clip.modified >= clip.created).toBe(true);
      expect(Date.parse(clip.modified) - Date.parse(clip.created)).toBeLessThan(86_400_000);
      expect(clip.contentOffset).toBeGreaterThanOrEqual(0);
      expect(clip.contentOffset).toBeLessThan(1 << 20);
    }
    // Two hours apart, starting on 2025-01-06 at 09:00 UTC.
    expect(Date.parse(clips[0]?.created ?? "")).toBeGreaterThanOrEqual(Date.UTC(2025, 0, 6, 9));
    expect(Date.parse(clips[0]?.created ?? "")).toBeLessThan(Date.UTC(2025, 0, 6, 10));
    expect(Date.parse(clips[1]?.created ?? "")).toBeGreaterThanOrEqual(Date.UTC(2025, 0, 6, 11));
    expect(new Set(clips.map((c) => c.size)).size).toBeGreaterThan(40);
    // Each drawn field varies from clip to clip.
    const spread = (values: number[]) => new Set(values).size;
    const at = (iso: string) => Date.parse(iso);
    expect(spread(clips.map((c) => c.duration))).toBeGreaterThan(40);
    expect(
      spread(clips.map((c) => (at(c.created) - Date.UTC(2025, 0, 6, 9)) % 7_200_000)),
    ).toBeGreaterThan(40);
    expect(spread(clips.map((c) => at(c.modified) - at(c.created)))).toBeGreaterThan(40);
    expect(spread(clips.map((c) => c.contentOffset))).toBeGreaterThan(40);
  });

  it.each([
    [10.5, "clipSize: expected a whole number of bytes, got 10.5"],
    [{ min: -1, max: 10 }, "clipSize.min: expected a whole number of bytes, got -1"],
    [{ min: 10, max: 9 }, "clipSize: max is below min"],
  ])(
    "refuses a clip size of %j, as the recordings fake refuses its file size",
    (clipSize, message) => {
      expect(() => generateClips({ clipSize })).toThrow(new RangeError(message));
    },
  );

  it("takes a fixed size, a range, a count per user and a seed", () => {
    const fixed = generateClips({ users: 1, clipsPerUser: 3, clipSize: 1234 });
    expect(fixed.clips.map((c) => c.size)).toEqual([1234, 1234, 1234]);
    const range = generateClips({ users: 1, clipsPerUser: 50, clipSize: { min: 10, max: 11 } });
    expect(new Set(range.clips.map((c) => c.size))).toEqual(new Set([10, 11]));
    expect(generateClips({ seed: 5 }).clips[0]?.id).toBe(generateClips({ seed: 5 }).clips[0]?.id);
    expect(generateClips({ seed: 5 }).clips[0]?.id).not.toBe(generateClips().clips[0]?.id);
    expect(generateClips({ users: [{ email: "a@b.c" }] }).clips[0]?.description).toBe(
      "Recorded by a@b.c",
    );
  });
});

describe("the fake's URLs and state", () => {
  it("puts the API under /v2, uploads under /fileapi/v2, and the token endpoint at /oauth/token", async () => {
    const f = await start({ clipsPerUser: 1 });
    expect(f.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(f.baseUrl).toBe(`${f.origin}/v2`);
    expect(f.fileBaseUrl).toBe(`${f.origin}/fileapi/v2`);
    expect(f.tokenUrl).toBe(`${f.origin}/oauth/token`);
    expect(f.cdnUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(f.credentials.clientId).toBe("fake-client-id");
    expect(f.state.accountId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(f.state.tokensIssued()).toBe(0);
    f.issueToken();
    expect(f.state.tokensIssued()).toBe(1);
  });

  it("gives a generated clip's bytes and hash, and refuses an unknown clip", async () => {
    const f = await start({ clipsPerUser: 1, clipSize: 5000 });
    const clip = f.state.clips[0];
    if (!clip) throw new Error("no clip");
    const bytes = f.state.clipBytes(clip.id);
    expect(bytes.equals(fileBytes(clip.contentOffset, 5000))).toBe(true);
    expect(f.state.sha256(clip.id)).toBe(sha(bytes));
    expect(() => f.state.clipBytes("nope")).toThrow("no clip nope");
    expect(() => f.state.sha256("nope")).toThrow(RangeError);
  });

  it("uses the clock it is given", async () => {
    const clock = createClock(() => Date.UTC(2030, 0, 1));
    const f = await start({ clock, clipsPerUser: 1 });
    expect(f.clock).toBe(clock);
    const clip = f.state.clips[0];
    await call(f, "PATCH", "/clips/{clipId}", `/clips/${clip?.id}`, json({ title: "t" }));
    expect(clip?.modified).toBe("2030-01-01T00:00:00Z");
  });
});

describe("listings", () => {
  it("list every live clip by default, newest modified first, 30 a page", async () => {
    const f = await start({ users: 1, clipsPerUser: 35 });
    const first = await call(f, "GET", LIST, "/clips");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page_size: 30, total_records: 35 });
    expect(first.body.data).toHaveLength(30);
    const modified = first.body.data.map((c: { modified_date: string }) => c.modified_date);
    expect(modified).toEqual([...modified].sort().reverse());
    const second = await call(
      f,
      "GET",
      LIST,
      `/clips?next_page_token=${first.body.next_page_token}`,
    );
    expect(second.body.data).toHaveLength(5);
    expect(second.body.next_page_token).toBe("");
    expect(second.body.page_size).toBe(30);
  });

  it("render each clip as Zoom does", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const clip = f.state.clips[0];
    const { body } = await call(f, "GET", "/clips/{clipId}", `/clips/${clip?.id}`);
    expect(body).toEqual({
      clip_id: clip?.id,
      title: clip?.title,
      description: clip?.description,
      duration: clip?.duration,
      status: "RECORD_SUCCESS",
      owner_id: clip?.ownerId,
      file_size: clip?.size,
      share_link: `${f.origin}/clips/share/${clip?.id}`,
      share_link_settings: { enable_passcode: false, share_scope: "SAME_ORGANIZATON" },
      thumbnail_link: `${f.origin}/clips/thumbnail/${clip?.id}.jpg`,
      created_date: clip?.created,
      modified_date: clip?.modified,
      tags: clip?.tags,
    });
  });

  it("filter by owner (id, email in any case, or me)", async () => {
    const f = await start({ users: 2, clipsPerUser: 31 });
    const [first, second] = f.state.users;
    const byEmail = await call(f, "GET", LIST, `/clips?user_id=${second?.email.toUpperCase()}`);
    expect(byEmail.body.total_records).toBe(31);
    for (const clip of byEmail.body.data) expect(clip.owner_id).toBe(second?.id);
    const byId = await call(f, "GET", LIST, `/clips?user_id=${second?.id}`);
    expect(byId.body.total_records).toBe(31);
    const me = await call(f, "GET", LIST, "/clips?user_id=me");
    expect(me.body.data[0].owner_id).toBe(first?.id);
    const nobody = await call(f, "GET", LIST, "/clips?user_id=nobody");
    expect(nobody).toMatchObject({
      status: 400,
      body: { code: 300, message: "User nobody does not exist." },
    });
  });

  it("find a user by an email given in mixed case, in any case", async () => {
    const f = await start({ users: [{ email: "Mixed.Case@Example.com" }], clipsPerUser: 1 });
    const answer = await call(f, "GET", LIST, "/clips?user_id=mixed.case@example.COM");
    expect(answer.body.total_records).toBe(1);
  });

  it("filter by title words, in any case, and by status", async () => {
    const f = await start({ users: 1, clipsPerUser: 12 });
    const demos = await call(f, "GET", LIST, "/clips?search_key=PRODUCT%20DEMO");
    expect(demos.body.total_records).toBe(2);
    for (const clip of demos.body.data) expect(clip.title).toMatch(/^Product demo/);
    const clip = f.state.clips[3];
    if (!clip) throw new Error("no clip");
    clip.status = "SUSPENDED";
    const suspended = await call(f, "GET", LIST, "/clips?status=SUSPENDED");
    expect(ids(suspended.body)).toEqual([clip.id]);
    expect((await call(f, "GET", LIST, "/clips?status=RECORD_SUCCESS")).body.total_records).toBe(
      11,
    );
  });

  it("filter by modified date by default, by created date when asked, bounds included", async () => {
    const f = await start({ users: 1, clipsPerUser: 3 });
    const [a, b, c] = f.state.clips;
    if (!a || !b || !c) throw new Error("no clips");
    a.created = "2025-02-01T00:00:00Z";
    a.modified = "2025-03-10T00:00:00Z";
    b.created = "2025-03-01T00:00:00Z";
    b.modified = "2025-03-01T00:00:00Z";
    c.created = "2025-03-05T00:00:00Z";
    c.modified = "2025-04-01T00:00:00Z";
    const range = (query: string) =>
      call(f, "GET", LIST, `/clips?${query}`).then((r) => ids(r.body).sort());
    expect(await range("from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z")).toEqual(
      [a.id, b.id].sort(),
    );
    expect(await range("from=2025-03-02T00:00:00Z")).toEqual([a.id, c.id].sort());
    expect(await range("to=2025-03-01T00:00:00Z")).toEqual([b.id]);
    expect(
      await range(
        "date_filter_type=CREATED_DATE&from=2025-03-01T00:00:00Z&to=2025-03-05T00:00:00Z",
      ),
    ).toEqual([b.id, c.id].sort());
    expect(await range("date_filter_type=MODIFIED_DATE&to=2025-03-05T00:00:00Z")).toEqual([b.id]);
  });

  const MONTH = "The date range can be at most one month.";
  it.each([
    { from: "2025-01-01T00:00:00Z", to: "2025-01-31T23:59:59Z", status: 200 },
    { from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z", status: 400, message: MONTH },
    { from: "2025-01-31T00:00:00Z", to: "2025-02-28T23:59:59Z", status: 200 },
    { from: "2025-01-31T00:00:00Z", to: "2025-03-01T00:00:00Z", status: 400, message: MONTH },
    // The month counts from the start's day, whatever its time of day.
    { from: "2025-01-01T18:00:00Z", to: "2025-02-01T00:00:00Z", status: 400, message: MONTH },
    { from: "2025-03-01T00:00:00Z", to: "2025-03-01T00:00:00Z", status: 200 },
    {
      from: "2025-03-02T00:00:00Z",
      to: "2025-03-01T00:00:00Z",
      status: 400,
      message: "The from date must be before the to date.",
    },
    {
      from: "soon",
      to: "2025-03-01T00:00:00Z",
      status: 400,
      message: "Invalid field: from or to.",
    },
    {
      from: "2025-03-01T00:00:00Z",
      to: "later",
      status: 400,
      message: "Invalid field: from or to.",
    },
  ])("a range of at most a month: $from..$to → $status", async ({ from, to, status, message }) => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const answer = await call(f, "GET", LIST, `/clips?from=${from}&to=${to}`);
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.body).toMatchObject({ code: 300, message });
  });

  it.each(["29", "301", "30.5", "abc"])("refuse page_size=%s with code 300", async (size) => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const answer = await call(f, "GET", LIST, `/clips?page_size=${size}`);
    expect(answer).toMatchObject({ status: 400, body: { code: 300, message: "Pagination Error" } });
  });

  it("take page sizes of 30 and 300", async () => {
    const f = await start({ users: 1, clipsPerUser: 31 });
    expect((await call(f, "GET", LIST, "/clips?page_size=300")).body.data).toHaveLength(31);
    expect((await call(f, "GET", LIST, "/clips?page_size=30")).body.data).toHaveLength(30);
  });

  it("keep a listing's clips across pages, leaving out clips deleted since", async () => {
    const f = await start({ users: 1, clipsPerUser: 32 });
    const first = await call(f, "GET", LIST, "/clips");
    const rest = f.state.clips.filter((c) => !ids(first.body).includes(c.id));
    const gone = rest[0];
    await call(f, "DELETE", "/clips/{clipId}", `/clips/${gone?.id}`);
    const second = await call(
      f,
      "GET",
      LIST,
      `/clips?next_page_token=${first.body.next_page_token}`,
    );
    expect(ids(second.body)).toEqual([rest[1]?.id]);
    expect(second.body.total_records).toBe(32);
    expect((await call(f, "GET", LIST, "/clips")).body.total_records).toBe(31);
  });

  it("refuse an unknown page token", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    expect(await call(f, "GET", LIST, "/clips?next_page_token=made-up")).toMatchObject({
      status: 400,
      body: { code: 300, message: "Pagination Error" },
    });
  });

  it("list an account's clips (its id or me), and refuse another account with 403", async () => {
    const f = await start({ users: 2, clipsPerUser: 1 });
    const path = "/accounts/{accountId}/clips";
    const own = await call(f, "GET", path, `/accounts/${f.state.accountId}/clips`);
    expect(own.body.total_records).toBe(2);
    expect((await call(f, "GET", path, "/accounts/me/clips")).body.total_records).toBe(2);
    expect(await call(f, "GET", path, "/accounts/other/clips")).toMatchObject({
      status: 403,
      body: { code: 1003, message: "No permission to operate" },
    });
  });
});

describe("one clip", () => {
  it("updates title, description and tags, keeping what is not given", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const clip = f.state.clips[0];
    if (!clip) throw new Error("no clip");
    const title = clip.title;
    const patch = (body: unknown) =>
      call(f, "PATCH", "/clips/{clipId}", `/clips/${clip.id}`, json(body));
    expect((await patch({ description: "d", tags: ["x", 2] })).status).toBe(204);
    expect(clip).toMatchObject({ title, description: "d", tags: ["x", "2"] });
    await patch({ title: 5, description: null, tags: "no" });
    expect(clip).toMatchObject({ title, description: "d", tags: ["x", "2"] });
  });

  it("refuses a body that is not a JSON object", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const clip = f.state.clips[0];
    for (const body of ["{oops", "3", "null", '"text"']) {
      const answer = await call(f, "PATCH", "/clips/{clipId}", `/clips/${clip?.id}`, {
        body,
        headers: { "content-type": "application/json" },
      });
      expect(answer, body).toMatchObject({
        status: 400,
        body: { code: 300, message: "The request body is not a JSON object." },
      });
    }
  });

  it("answers 404 code 2000 for an unknown or deleted clip, 404 for other methods and paths", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const clip = f.state.clips[0];
    expect(await call(f, "GET", "/clips/{clipId}", "/clips/nope")).toMatchObject({
      status: 404,
      body: { code: 2000, message: "Clip does not exist: nope." },
    });
    expect(await call(f, "PUT", "/clips/{clipId}", `/clips/${clip?.id}`)).toMatchObject({
      status: 404,
      body: { code: 404, message: "Not found." },
    });
    await call(f, "DELETE", "/clips/{clipId}", `/clips/${clip?.id}`);
    expect(clip?.status).toBe("RECORD_DELETE");
    expect((await call(f, "DELETE", "/clips/{clipId}", `/clips/${clip?.id}`)).body.code).toBe(2000);
    expect((await call(f, "GET", "/nope", "/nope/x")).status).toBe(404);
    const outside = await fetch(`${f.origin}/other`, {
      headers: { authorization: `Bearer ${f.issueToken()}` },
    });
    expect([outside.status, (await outside.json()).code]).toEqual([404, 404]);
    const fileOther = await call(f, "POST", "/clips/files/other", "/clips/files/other");
    expect(fileOther).toMatchObject({ status: 404, body: { code: 404 } });
    const getEvents = await call(
      f,
      "GET",
      "/clips/files/x",
      "/clips/files/multipart/upload_events",
    );
    expect(getEvents.status).toBe(404);
  });

  it("needs a valid bearer token", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const answer = await fetch(`${f.baseUrl}/clips`, { headers: { authorization: "Bearer nope" } });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ code: 124, message: "Invalid access token." });
    const upload = await fetch(`${f.fileBaseUrl}/clips/files`, { method: "POST" });
    expect(upload.status).toBe(401);
  });
});

describe("downloads", () => {
  it("redirect to the CDN with the clip's bytes, and refuse a missing or unready clip", async () => {
    const f = await start({ users: 1, clipsPerUser: 2, clipSize: 4000 });
    const [clip, other] = f.state.clips;
    if (!clip || !other) throw new Error("no clips");
    const hop = await call(f, "GET", "/clips/{clipId}/download", `/clips/${clip.id}/download`);
    expect(hop.status).toBe(302);
    expect(hop.headers.get("content-length")).toBe("0");
    const location = new URL(hop.headers.get("location") ?? "");
    expect(location.origin).toBe(f.cdnUrl);
    expect(location.pathname).toBe(`/replay/${clip.id}.mp4`);
    const body = await fetch(location);
    expect(body.headers.get("content-type")).toBe("video/mp4");
    expect(sha(await body.arrayBuffer())).toBe(f.state.sha256(clip.id));
    other.status = "RECORD_START";
    expect(
      await call(f, "GET", "/clips/{clipId}/download", `/clips/${other.id}/download`),
    ).toMatchObject({ status: 400, body: { code: 50002, message: "clip mp4 is not ready" } });
    expect((await fetch(location.href.replace(clip.id, other.id))).status).toBe(403);
    expect(await call(f, "GET", "/clips/{clipId}/download", "/clips/nope/download")).toMatchObject({
      status: 404,
      body: { code: 10002, message: "clip not found or not ready" },
    });
    await call(f, "DELETE", "/clips/{clipId}", `/clips/${clip.id}`);
    expect((await fetch(location)).status).toBe(404);
  });
  it("serve an uploaded clip's own bytes, ranges included, whatever characters its id has", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) & 0xff);
    // Uploaded clips get base64url ids: find one with a character URLs' keys leave out.
    let id = "";
    for (let i = 0; i < 40 && !/[-_]/.test(id); i++) {
      id = (await call(f, "POST", "/clips/files", "/clips/files", form({}, bytes))).body.clip_id;
    }
    expect(id).toMatch(/[-_]/);
    const hop = await call(f, "GET", "/clips/{clipId}/download", `/clips/${id}/download`);
    const location = hop.headers.get("location") ?? "";
    expect(new URL(location).pathname).toBe(`/replay/${id.replace(/[-_]/g, "")}.mp4`);
    expect(sha(await (await fetch(location)).arrayBuffer())).toBe(sha(bytes));
    const part = await fetch(location, { headers: { range: "bytes=65530-65539" } });
    expect(part.status).toBe(206);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(65_530, 65_540));
    const head = await fetch(location, { headers: { range: "bytes=0-9" } });
    expect(new Uint8Array(await head.arrayBuffer())).toEqual(bytes.subarray(0, 10));
  });

  it("count clip downloads as download requests for faults and the log", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const clip = f.state.clips[0];
    f.faults.serverError({ on: "download", status: 503 });
    expect((await call(f, "GET", LIST, "/clips")).status).toBe(200);
    const failed = await call(f, "GET", "/clips/{clipId}/download", `/clips/${clip?.id}/download`);
    expect(failed.status).toBe(503);
    expect(f.state.requests.map((r) => [r.target, r.status])).toEqual([
      ["api", 200],
      ["download", 503],
    ]);
  });
});

describe("transfers", () => {
  const transfer = (f: ZoomClipsFake, body: Record<string, unknown>) =>
    call(f, "POST", "/clips/transfers", "/clips/transfers", json(body));
  const poll = (f: ZoomClipsFake, id: string) =>
    call(f, "GET", "/clips/transfers/{taskId}", `/clips/transfers/${id}`);

  it("move every clip of the source in a full transfer, after two polls by default", async () => {
    const f = await start({ users: 3, clipsPerUser: 2 });
    const [source, target, third] = f.state.users;
    const created = await transfer(f, {
      source_owner_user_id: source?.id,
      target_owner_user_id: target?.id,
      transfer_type: "FULL_TRANSFER",
    });
    expect(created.status).toBe(201);
    expect(created.body.task_id).toMatch(/^task_[0-9a-f]{16}$/);
    const task = f.state.transfers.get(created.body.task_id);
    expect(task).toMatchObject({ type: "FULL_TRANSFER", pollsLeft: 2, status: "IN_PROCESS" });
    expect(task?.clipIds).toHaveLength(2);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await poll(f, created.body.task_id)).body);
    expect(answers.map((a) => a.status)).toEqual(["IN_PROCESS", "IN_PROCESS", "SUCCESS"]);
    expect(answers[2]).toEqual({
      status: "SUCCESS",
      transfer_type: "FULL_TRANSFER",
      source_owner_user_id: source?.id,
      target_owner_user_id: target?.id,
    });
    expect(f.state.clips.filter((c) => c.ownerId === target?.id)).toHaveLength(4);
    expect(f.state.clips.filter((c) => c.ownerId === third?.id)).toHaveLength(2);
  });

  it("end FAILED when told to, leaving the owners alone", async () => {
    const f = await start({
      users: 2,
      clipsPerUser: 1,
      transferPolls: 0,
      transferOutcome: "FAILED",
    });
    const [source, target] = f.state.users;
    const clip = f.state.clips[0];
    const created = await transfer(f, {
      source_owner_user_id: source?.id,
      target_owner_user_id: target?.id,
      transfer_type: "PARTIAL_TRANSFER",
      clip_id_list: [clip?.id],
    });
    const answer = (await poll(f, created.body.task_id)).body;
    expect(answer).toMatchObject({ status: "FAILED", clip_id_list: [clip?.id] });
    expect(clip?.ownerId).toBe(source?.id);
    // A finished task is no longer busy.
    const again = await transfer(f, {
      source_owner_user_id: source?.id,
      target_owner_user_id: target?.id,
      transfer_type: "FULL_TRANSFER",
    });
    expect(again.status).toBe(201);
  });

  it("refuse a second transfer of a busy source or target", async () => {
    const f = await start({ users: 3, clipsPerUser: 1 });
    const [a, b, c] = f.state.users;
    const full = (source?: string, target?: string) =>
      transfer(f, {
        source_owner_user_id: source,
        target_owner_user_id: target,
        transfer_type: "FULL_TRANSFER",
      });
    expect((await full(a?.id, b?.id)).status).toBe(201);
    const busy = {
      status: 400,
      body: { code: 30001, message: "Source user and target user have processing transfer task." },
    };
    expect(await full(a?.id, c?.id)).toMatchObject(busy);
    expect(await full(c?.id, b?.id)).toMatchObject(busy);
    expect((await full(b?.id, c?.id)).status).toBe(201);
  });

  const INVALID = "Invalidated field value.";
  const NOT_THEIRS = "Clips not belong sourceOwner.";
  it.each([
    {
      name: "an unknown source",
      body: { source_owner_user_id: "x" },
      code: 10003,
      message: INVALID,
    },
    {
      name: "an unknown target",
      body: { target_owner_user_id: "x" },
      code: 10003,
      message: INVALID,
    },
    { name: "another type", body: { transfer_type: "SOME" }, code: 10003, message: INVALID },
    { name: "an empty list", body: { clip_id_list: [] }, code: 10001, message: "Missing field." },
    {
      name: "a list that is not an array",
      body: { clip_id_list: "c" },
      code: 10001,
      message: "Missing field.",
    },
    {
      name: "51 clips",
      body: { clip_id_list: Array.from({ length: 51 }, (_, i) => `c${i}`) },
      code: 10004,
      message: "When transfer type is PARTIAL_TRANSFER, clip_id_list limit size is 50.",
    },
    {
      name: "a list naming no clip",
      body: { clip_id_list: ["nope"] },
      code: 10002,
      message: "Can not found any clip by clip_id_list",
    },
    {
      name: "someone else's clip",
      body: { clip_id_list: ["TARGETS"] },
      code: 20002,
      message: NOT_THEIRS,
    },
    {
      name: "the source's clip and someone else's",
      body: { clip_id_list: ["SOURCES", "TARGETS"] },
      code: 20002,
      message: NOT_THEIRS,
    },
  ])("refuse $name with code $code", async ({ body, code, message }) => {
    const f = await start({ users: 2, clipsPerUser: 1 });
    const [source, target] = f.state.users;
    const theirs = f.state.clips.find((c) => c.ownerId === target?.id)?.id;
    const own = f.state.clips.find((c) => c.ownerId === source?.id)?.id;
    const given = {
      source_owner_user_id: source?.id,
      target_owner_user_id: target?.id,
      transfer_type: "PARTIAL_TRANSFER",
      ...body,
    };
    if (Array.isArray(given.clip_id_list))
      given.clip_id_list = given.clip_id_list.map((id: string) =>
        id === "TARGETS" ? (theirs ?? "") : id === "SOURCES" ? (own ?? "") : id,
      );
    const answer = await transfer(f, given);
    expect(answer).toMatchObject({ status: 400, body: { code, message } });
    expect(f.state.transfers.size).toBe(0);
  });

  it("take a full transfer of a user without clips", async () => {
    const f = await start({ users: 2, clipsPerUser: 0 });
    const [source, target] = f.state.users;
    const answer = await transfer(f, {
      source_owner_user_id: source?.id,
      target_owner_user_id: target?.id,
      transfer_type: "FULL_TRANSFER",
    });
    expect(answer.status).toBe(201);
    expect(f.state.transfers.get(answer.body.task_id)?.clipIds).toEqual([]);
  });

  it("move the clips once: polling a finished task again changes no owner", async () => {
    const f = await start({ users: 2, clipsPerUser: 1, transferPolls: 0 });
    const [a, b] = f.state.users;
    const full = async (source?: string, target?: string) => {
      const created = await transfer(f, {
        source_owner_user_id: source,
        target_owner_user_id: target,
        transfer_type: "FULL_TRANSFER",
      });
      expect((await poll(f, created.body.task_id)).body.status).toBe("SUCCESS");
      return created.body.task_id as string;
    };
    const there = await full(a?.id, b?.id);
    await full(b?.id, a?.id);
    expect((await poll(f, there)).body.status).toBe("SUCCESS");
    expect(f.state.clips.map((c) => c.ownerId)).toEqual([a?.id, a?.id]);
  });

  it("take exactly 50 clips", async () => {
    const f = await start({ users: 2, clipsPerUser: 50 });
    const [source, target] = f.state.users;
    const answer = await transfer(f, {
      source_owner_user_id: source?.id,
      target_owner_user_id: target?.id,
      transfer_type: "PARTIAL_TRANSFER",
      clip_id_list: f.state.clips.filter((c) => c.ownerId === source?.id).map((c) => c.id),
    });
    expect(answer.status).toBe(201);
  });

  it("answer 404 for an unknown task", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    expect(await poll(f, "task_nope")).toMatchObject({
      status: 404,
      body: { code: 10002, message: "Can not found any async task by taskId and accountId." },
    });
  });
});

describe("uploads", () => {
  const event = (f: ZoomClipsFake, body: unknown) => call(f, "POST", EVENTS, EVENTS, json(body));
  const create = async (f: ZoomClipsFake, params: unknown = { file_name: "talk.mp4" }) =>
    (await event(f, { method: "CreateMultipartUpload", params })).body.upload_context as string;
  const part = (f: ZoomClipsFake, context: string, n: string, bytes: Uint8Array<ArrayBuffer>) =>
    call(f, "POST", PART, PART, form({ upload_context: context, part_number: n }, bytes));
  const complete = (f: ZoomClipsFake, context: string, etags: unknown) =>
    event(f, {
      method: "CompleteMultipartUpload",
      params: { upload_context: context, part_number_etags: etags },
    });

  it("name the clip after the upload's file_name, or 'Uploaded clip'", async () => {
    const f = await start({ users: 1, clipsPerUser: 0, uploadRules: { minPartSize: 1 } });
    const context = await create(f);
    expect(context).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(f.state.uploads.get(context)).toMatchObject({ fileName: "talk.mp4" });
    const p = await part(f, context, "1", new Uint8Array([1, 2]));
    const done = await complete(f, context, [p.body.part_number_etag]);
    const clip = f.state.clips.find((c) => c.id === done.body.clip_id);
    const rendered = await call(f, "GET", "/clips/{clipId}", `/clips/${done.body.clip_id}`);
    expect(rendered.body).toMatchObject({
      clip_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      description: "",
      tags: [],
      status: "RECORD_SUCCESS",
      file_size: 2,
      created_date: clip?.created,
      modified_date: clip?.created,
    });
    expect(Date.parse(clip?.created ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(clip).toMatchObject({
      title: "talk.mp4",
      size: 2,
      ownerId: f.state.users[0]?.id,
      duration: 1,
    });
    expect(f.state.uploads.get(context)?.clipId).toBe(clip?.id);
    const unnamed = await create(f, {});
    const q = await part(f, unnamed, "1", new Uint8Array([3]));
    const second = await complete(f, unnamed, [q.body.part_number_etag]);
    expect(f.state.clips.find((c) => c.id === second.body.clip_id)?.title).toBe("Uploaded clip");
    const nullParams = await event(f, { method: "CreateMultipartUpload", params: null });
    expect(nullParams.status).toBe(201);
    const noParams = await event(f, { method: "CreateMultipartUpload" });
    expect(f.state.uploads.get(noParams.body.upload_context)?.fileName).toBeUndefined();
  });

  it("answer each part with its number and an etag of its content", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const context = await create(f);
    const bytes = new Uint8Array([9, 8, 7]);
    const answer = await part(f, context, "3", bytes);
    const etag = createHash("md5").update(sha(bytes)).digest("hex");
    expect(answer).toMatchObject({
      status: 201,
      body: { part_number_etag: { part_number: 3, etag } },
    });
    // A part sent again replaces the first.
    await part(f, context, "3", new Uint8Array([1]));
    expect(f.state.uploads.get(context)?.parts.get(3)?.size).toBe(1);
  });

  it.each(["0", "101", "1.5", "x"])("refuse part number %s", async (n) => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const answer = await part(f, await create(f), n, new Uint8Array([1]));
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 300, message: "part_number must be an integer from 1 to 100." },
    });
  });

  it("take part numbers 1 to maxParts, parts up to maxPartSize", async () => {
    const f = await start({
      users: 1,
      clipsPerUser: 0,
      uploadRules: { maxParts: 3, maxPartSize: 4 },
    });
    const context = await create(f);
    expect((await part(f, context, "3", new Uint8Array(4))).status).toBe(201);
    expect((await part(f, context, "4", new Uint8Array(1))).body.message).toBe(
      "part_number must be an integer from 1 to 3.",
    );
    expect(await part(f, context, "1", new Uint8Array(5))).toMatchObject({
      status: 400,
      body: { code: 300, message: "The part is too large." },
    });
  });

  it("refuse a part of an unknown or completed upload, and one without a file", async () => {
    const f = await start({ users: 1, clipsPerUser: 0, uploadRules: { minPartSize: 1 } });
    const gone = {
      status: 404,
      body: { code: 3001, message: "The upload does not exist or was completed." },
    };
    expect(await part(f, "nope", "1", new Uint8Array(1))).toMatchObject(gone);
    const context = await create(f);
    const p = await part(f, context, "1", new Uint8Array(1));
    await complete(f, context, [p.body.part_number_etag]);
    expect(await part(f, context, "2", new Uint8Array(1))).toMatchObject(gone);
    expect(await complete(f, context, [p.body.part_number_etag])).toMatchObject(gone);
    const noFile = new FormData();
    noFile.append("upload_context", context);
    const answer = await call(f, "POST", PART, PART, { body: noFile });
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 300, message: "A file part is required." },
    });
    const notForm = await call(f, "POST", PART, PART, json({}));
    expect(notForm.body.message).toBe("A file part is required.");
  });

  it("forget an upload after seven days", async () => {
    let now = 0;
    const f = await start({
      users: 1,
      clipsPerUser: 0,
      clock: createClock(() => now),
      uploadRules: { minPartSize: 1 },
    });
    const context = await create(f);
    const p = await part(f, context, "1", new Uint8Array(1));
    now = 7 * 24 * 3_600_000 + 1;
    expect((await complete(f, context, [p.body.part_number_etag])).status).toBe(404);
    const fresh = await create(f);
    const q = await part(f, fresh, "1", new Uint8Array(1));
    now += 7 * 24 * 3_600_000;
    expect((await complete(f, fresh, [q.body.part_number_etag])).status).toBe(201);
  });

  it("complete only with every uploaded part, in order, with its etag", async () => {
    const f = await start({ users: 1, clipsPerUser: 0, uploadRules: { minPartSize: 2 } });
    const context = await create(f);
    const one = (await part(f, context, "1", new Uint8Array([1, 1]))).body.part_number_etag;
    const two = (await part(f, context, "2", new Uint8Array([2]))).body.part_number_etag;
    const refused = async (etags: unknown, message: string) => {
      const answer = await complete(f, context, etags);
      expect(answer, message).toMatchObject({ status: 400, body: { code: 300, message } });
    };
    await refused([], "part_number_etags is required.");
    await refused("x", "part_number_etags is required.");
    await refused([one], "uploaded parts were left out");
    await refused([one, { part_number: 2, etag: "wrong" }], "etag of part 2 does not match");
    await refused(
      [one, two, { part_number: 3, etag: "e" }],
      "part 2 is smaller than 2 bytes; part 3 was never uploaded; uploaded parts were left out",
    );
    await refused(
      [two, one],
      "part 1 out of order; part 2 is smaller than 2 bytes; part 2 out of order",
    );
    // The last part may be smaller than the minimum.
    const done = await complete(f, context, [one, two]);
    expect(done.status).toBe(201);
    expect([...f.state.clipBytes(done.body.clip_id)]).toEqual([1, 1, 2]);
  });

  it("refuse an unknown upload event", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    expect(await event(f, { method: "AbortMultipartUpload" })).toMatchObject({
      status: 400,
      body: { code: 300, message: "Unknown method." },
    });
    expect((await event(f, { method: "CompleteMultipartUpload", params: {} })).status).toBe(404);
  });

  it("take a single upload up to maxSingleSize, named after the file", async () => {
    const f = await start({ users: 1, clipsPerUser: 0, uploadRules: { maxSingleSize: 3 } });
    const ok = await call(
      f,
      "POST",
      "/clips/files",
      "/clips/files",
      form({}, new Uint8Array(3), "mine.mp4"),
    );
    expect(ok.status).toBe(201);
    expect(f.state.clips.find((c) => c.id === ok.body.clip_id)?.title).toBe("mine.mp4");
    const big = await call(f, "POST", "/clips/files", "/clips/files", form({}, new Uint8Array(4)));
    expect(big).toMatchObject({
      status: 400,
      body: { code: 300, message: "The file is too large; use a multipart upload." },
    });
  });
});
