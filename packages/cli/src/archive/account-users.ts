import type { UserStatus, ZoomUsersClient } from "@clipkit/zoom-users";

export const USER_STATUSES: readonly UserStatus[] = ["active", "inactive", "pending"];

/** Whose recordings an archive lists: the API's user ID, and the folder the files go in. */
export interface ArchiveUser {
  /** What the listing is asked for: a user ID, an email or `me`. */
  id: string;
  /** The user's folder under `--out` and the manifest's `user` (the email when listed). */
  name: string;
  status?: UserStatus;
}

/**
 * Every user of the account with one of `statuses`, each listed once (Zoom pages `GET /users`
 * per status; a user seen twice, as a status change between pages can cause, counts once).
 */
export async function listAccountUsers(
  client: ZoomUsersClient,
  statuses: readonly UserStatus[],
  signal?: AbortSignal,
): Promise<ArchiveUser[]> {
  const users = new Map<string, ArchiveUser>();
  for (const status of statuses) {
    for await (const user of client.paginate("/users", {
      query: { status, page_size: 300 },
      ...(signal ? { signal } : {}),
    })) {
      if (!user.id || users.has(user.id)) continue;
      users.set(user.id, { id: user.id, name: user.email || user.id, status });
    }
  }
  return [...users.values()];
}
