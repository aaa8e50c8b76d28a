import type { FakeClock } from "../clock.js";
import type { FakeUser, FakeUserStatus } from "../fake-account.js";
import { type Cursor, createPageTokens } from "../page-tokens.js";
import { ZoomFakeError } from "../zoom/zoom-error.js";

const STATUSES: FakeUserStatus[] = ["active", "inactive", "pending"];
const invalid = (message: string) => new ZoomFakeError(400, 300, message);

interface UserCursor extends Cursor<string> {
  status: FakeUserStatus;
}

export interface UserListingOptions {
  users: FakeUser[];
  accountId: string;
  clock: FakeClock;
  pageTokenTtlMs: number;
}

/** A user as Zoom's Users API renders one (the fields the spec requires, and a few more). */
function renderUser(user: FakeUser, accountId: string) {
  const [name = user.email] = user.email.split("@");
  return {
    id: user.id,
    email: user.email,
    first_name: name,
    last_name: "Example",
    display_name: `${name} Example`,
    type: 2,
    status: user.status,
    role_id: "2",
    account_id: accountId,
    timezone: "UTC",
    verified: 1,
    user_created_at: "2023-01-01T00:00:00Z",
  };
}

/**
 * `GET /users` and `GET /users/{userId}` over the fake's users, with Zoom's rules: `status`
 * filters (default active), `page_size` up to 2000 (default 30), page tokens that expire.
 */
export function createUserListing(options: UserListingOptions) {
  const pageTokens = createPageTokens<UserCursor>(options.clock, options.pageTokenTtlMs);
  return {
    list(query: URLSearchParams): Record<string, unknown> {
      const status = (query.get("status") ?? "active") as FakeUserStatus;
      if (!STATUSES.includes(status)) throw invalid("Invalid field: status.");
      const rawSize = query.get("page_size");
      const pageSize = rawSize === null ? 30 : Number(rawSize);
      if (!/^\d+$/.test(rawSize ?? "30") || pageSize < 1 || pageSize > 2000) {
        throw invalid("Invalid field: page_size must be an integer from 1 to 2000.");
      }
      const token = query.get("next_page_token");
      let cursor: UserCursor;
      if (token) {
        const found = pageTokens.resume(token);
        if (!found || found.status !== status) {
          throw invalid("The next page token is invalid or expired.");
        }
        cursor = found;
      } else {
        const ids = options.users.filter((u) => u.status === status).map((u) => u.id);
        cursor = { status, ids, offset: 0, pageSize };
      }
      const page = pageTokens.page(cursor);
      return {
        page_count: Math.ceil(cursor.ids.length / cursor.pageSize),
        page_size: cursor.pageSize,
        total_records: cursor.ids.length,
        next_page_token: page.next,
        users: page.ids
          .map((id) => options.users.find((u) => u.id === id))
          .filter((u): u is FakeUser => u !== undefined)
          .map((u) => renderUser(u, options.accountId)),
      };
    },
    get(userId: string): Record<string, unknown> {
      const user =
        userId === "me"
          ? options.users[0]
          : options.users.find(
              (u) => u.id === userId || u.email.toLowerCase() === userId.toLowerCase(),
            );
      if (!user) throw new ZoomFakeError(404, 1001, `User does not exist: ${userId}.`);
      return renderUser(user, options.accountId);
    },
  };
}
