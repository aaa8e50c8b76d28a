import { randomId, seededRandom } from "./random.js";

/** A user of a fake Zoom account. */
export interface FakeUser {
  id: string;
  email: string;
  /** As Zoom's Users API lists it; default `active`. Deactivated users keep their recordings. */
  status: FakeUserStatus;
}

export type FakeUserStatus = "active" | "inactive" | "pending";

/**
 * The seeded random source, account ID and users every Zoom fake starts from: `users` is a
 * count or the users themselves (missing ids and emails are generated).
 */
export function fakeAccount(seed: number, users: number | Array<Partial<FakeUser>>) {
  const random = seededRandom(seed);
  const accountId = randomId(random, 22);
  const given: Array<Partial<FakeUser>> =
    typeof users === "number" ? Array.from({ length: users }, () => ({})) : users;
  return {
    random,
    accountId,
    users: given.map(
      (user, i): FakeUser => ({
        id: user.id ?? randomId(random, 22),
        email: user.email ?? `user${i + 1}@example.com`,
        status: user.status ?? "active",
      }),
    ),
  };
}
