// The Users API both Zoom fakes serve (GET /users, GET /users/{userId}), one listing shared by
// the recordings and the clips fake: answers checked against specs/zoom-users.yaml, with Zoom's
// status filter, page sizes and expiring page tokens.
import { afterEach, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/fake-account.js";
import { startZoomClipsFake, startZoomFake } from "../../src/index.js";
import { specSchemas } from "../spec-schemas.js";

const schemas = specSchemas("zoom-users");

/** What these tests use of either fake. */
interface UsersFake {
  baseUrl: string;
  issueToken(): string;
  clock: { advance(ms: number): void };
  state: { users: FakeUser[] };
  close(): Promise<void>;
}

let fake: UsersFake | undefined;
afterEach(() => fake?.close());

async function get(f: UsersFake, path: string, query: Record<string, string> = {}) {
  const response = await fetch(`${f.baseUrl}${path}?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${f.issueToken()}` },
  });
  // biome-ignore lint/suspicious/noExplicitAny: checked against the spec's schema just below.
  const body: any = await response.json();
  const template = path === "/users" ? "/users" : "/users/{userId}";
  schemas.check("GET", template, response.status, body);
  return { status: response.status, body };
}

const users = [
  ...Array.from({ length: 5 }, (_, i) => ({ email: `a${i}@example.com` })),
  { email: "gone1@example.com", status: "inactive" as const },
  { email: "gone2@example.com", status: "inactive" as const },
  { email: "invited@example.com", status: "pending" as const },
];

describe.each([
  {
    fakeName: "the recordings fake",
    start: (options: { users: Array<Partial<FakeUser>>; pageTokenTtlMs?: number }) =>
      startZoomFake({ ...options, meetingsPerUser: 1 }),
  },
  {
    fakeName: "the clips fake",
    start: (options: { users: Array<Partial<FakeUser>>; pageTokenTtlMs?: number }) =>
      startZoomClipsFake({ ...options, clipsPerUser: 1 }),
  },
])("$fakeName's users", ({ start }) => {
  it("lists active users by default, and each other status on request", async () => {
    fake = await start({ users });
    const active = await get(fake, "/users");
    expect(active.status).toBe(200);
    expect(active.body.users.map((u: { email: string }) => u.email)).toEqual(
      users.slice(0, 5).map((u) => u.email),
    );
    const inactive = await get(fake, "/users", { status: "inactive" });
    expect(inactive.body.users.map((u: { status: string }) => u.status)).toEqual([
      "inactive",
      "inactive",
    ]);
    expect(inactive.body.total_records).toBe(2);
    const pending = await get(fake, "/users", { status: "pending" });
    expect(pending.body.users).toHaveLength(1);
  });

  it("pages with next_page_token; a token of another status or an expired one is refused", async () => {
    fake = await start({ users, pageTokenTtlMs: 60_000 });
    const first = await get(fake, "/users", { page_size: "2" });
    expect(first.body.users).toHaveLength(2);
    expect(first.body.page_count).toBe(3);
    const seen = [...first.body.users];
    let next: string = first.body.next_page_token;
    while (next) {
      const page = await get(fake, "/users", { page_size: "2", next_page_token: next });
      seen.push(...page.body.users);
      next = page.body.next_page_token;
    }
    expect(seen.map((u) => u.email)).toEqual(users.slice(0, 5).map((u) => u.email));

    const again = await get(fake, "/users", { page_size: "2" });
    const mixed = await get(fake, "/users", {
      status: "inactive",
      next_page_token: again.body.next_page_token,
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.code).toBe(300);
    fake.clock.advance(60_001);
    const expired = await get(fake, "/users", {
      page_size: "2",
      next_page_token: again.body.next_page_token,
    });
    expect(expired.status).toBe(400);
  });

  it.each([
    ["status", "deleted", "Invalid field: status."],
    ["page_size", "0", "Invalid field: page_size must be an integer from 1 to 2000."],
    ["page_size", "2001", "Invalid field: page_size must be an integer from 1 to 2000."],
    ["page_size", "x5", "Invalid field: page_size must be an integer from 1 to 2000."],
    ["page_size", "5x", "Invalid field: page_size must be an integer from 1 to 2000."],
    ["next_page_token", "unknown", "The next page token is invalid or expired."],
  ])("refuses %s=%s with code 300 and Zoom's message", async (name, value, message) => {
    fake = await start({ users });
    const answer = await get(fake, "/users", { [name]: value });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 300, message });
  });

  it.each([1, 2000])("takes page_size=%i, the ends of Zoom's range", async (size) => {
    fake = await start({ users });
    const answer = await get(fake, "/users", { page_size: String(size) });
    expect(answer.status).toBe(200);
    expect(answer.body.page_size).toBe(size);
    expect(answer.body.users).toHaveLength(Math.min(size, 5));
  });

  it("gets one user by id, email or me; an unknown one is 404 code 1001", async () => {
    fake = await start({ users });
    const gone = fake.state.users[5];
    const byId = await get(fake, `/users/${gone?.id}`);
    expect(byId.body).toMatchObject({ id: gone?.id, email: gone?.email, status: "inactive" });
    const byEmail = await get(fake, "/users/GONE1%40example.com");
    expect(byEmail.body.id).toBe(gone?.id);
    expect((await get(fake, "/users/me")).body.email).toBe("a0@example.com");
    const unknown = await get(fake, "/users/nobody@example.com");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(1001);
  });
});
