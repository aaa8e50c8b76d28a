// The Zoom Clips fake's routing: each route answers only its own method and whole path, and the
// account's Users API answers as the recordings fake's does.
import { describe, expect, it } from "vitest";
import { call, json, useClipsFake } from "./helpers.js";

const start = useClipsFake();
const NOT_FOUND = { code: 404, message: "Not found." };
const NO_CLIP = (id: string) => ({ code: 2000, message: `Clip does not exist: ${id}.` });

describe("routes", () => {
  // Each case is a request one route would take if it looked only at the method, or only at
  // the start or the end of the path.
  it.each([
    { method: "POST", path: "/clips", want: NOT_FOUND },
    { method: "POST", path: "/users", want: NOT_FOUND },
    { method: "POST", path: "/users/{user}", want: NOT_FOUND },
    { method: "POST", path: "/accounts/me/clips", want: NOT_FOUND },
    { method: "GET", path: "/clips/transfers", want: NO_CLIP("transfers") },
    { method: "POST", path: "/clips/{clip}", want: NOT_FOUND },
    { method: "POST", path: "/clips/transfers/task_1", want: NOT_FOUND },
    {
      method: "POST",
      path: "/clips/{clip}/download",
      want: NOT_FOUND,
    },
    { method: "GET", path: "/users/{user}/x", want: NOT_FOUND },
    { method: "GET", path: "/clips/users/{user}", want: NOT_FOUND },
    { method: "GET", path: "/accounts/me/clips/x", want: NOT_FOUND },
    { method: "GET", path: "/x/accounts/me/clips", want: NOT_FOUND },
    { method: "GET", path: "/clips/transfers/task_1/x", want: NOT_FOUND },
    { method: "GET", path: "/x/clips/transfers/task_1", want: NOT_FOUND },
    {
      method: "GET",
      path: "/clips/{clip}/download/x",
      want: NOT_FOUND,
    },
    {
      method: "GET",
      path: "/x/clips/{clip}/download",
      want: NOT_FOUND,
    },
    { method: "GET", path: "/clips/{clip}/x", want: NOT_FOUND },
    { method: "GET", path: "/x/clips/{clip}", want: NOT_FOUND },
  ])("$method $path answers 404", async ({ method, path, want }) => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const concrete = path
      .replace("{user}", f.state.users[0]?.id ?? "")
      .replace("{clip}", f.state.clips[0]?.id ?? "");
    const answer = await call(f, method, "/unrouted", concrete, method === "POST" ? json({}) : {});
    expect(answer).toMatchObject({ status: 404, body: want });
  });

  it("answers 404 outside /v2/", async () => {
    const f = await start({ users: 1, clipsPerUser: 1 });
    const answer = await fetch(`${f.origin}/v3/clips`, {
      headers: { authorization: `Bearer ${f.issueToken()}` },
    });
    expect([answer.status, await answer.json()]).toEqual([404, NOT_FOUND]);
  });
});

describe("the account's users", () => {
  it("lists them, gets one, and keeps a users page token for 15 minutes", async () => {
    const f = await start({ users: 2, clipsPerUser: 0 });
    const [first, second] = f.state.users;
    // The Clips document has no Users API to check the answers against: plain requests.
    const get = async (path: string) => {
      const answer = await fetch(`${f.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${f.issueToken()}` },
      });
      return { status: answer.status, body: await answer.json() };
    };
    const ids = (body: { users: Array<{ id: string }> }) => body.users.map((u) => u.id);
    const page = await get("/users?page_size=1");
    expect(page.status).toBe(200);
    expect(ids(page.body)).toEqual([first?.id]);
    f.clock.advance(15 * 60_000 - 1_000);
    const next = await get(`/users?next_page_token=${page.body.next_page_token}`);
    expect(ids(next.body)).toEqual([second?.id]);
    expect((await get(`/users/${second?.id}`)).body).toMatchObject({
      id: second?.id,
      email: second?.email,
    });
  });

  it("addClip names a clip 'Clip' unless given a title", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    expect(f.state.addClip({ bytes: Buffer.from("x") }).title).toBe("Clip");
    expect(f.state.addClip({ bytes: Buffer.from("x"), title: "Mine" }).title).toBe("Mine");
  });
});
