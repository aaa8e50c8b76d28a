import type { AuthProvider } from "@clipkit/core";
import type { RateGovernor } from "@clipkit/core/governor";
import type { UserStatus } from "@clipkit/zoom-users";
import { type Command, InvalidArgumentError } from "commander";
import { type ArchiveUser, listAccountUsers, USER_STATUSES } from "../archive/account-users.js";
import type { Emit } from "../archive/events.js";
import { MAX_RETRIES, userId } from "./flags.js";

/** Which users a command covers: `--user …` or `--all-users [--user-status …]`. */
export interface UserSelectionFlags {
  user?: string[];
  allUsers?: boolean;
  userStatus?: UserStatus[];
}

const collect = (value: string, previous: string[] | undefined) => [
  ...(previous ?? []),
  userId(value),
];

function userStatuses(value: string): UserStatus[] {
  const statuses = value.split(",").map((s) => s.trim());
  const unknown = statuses.filter((s) => !(USER_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0 || statuses.length === 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of ${USER_STATUSES.join(", ")} (got ${JSON.stringify(value)})`,
    );
  }
  return [...new Set(statuses)] as UserStatus[];
}

export function withUserSelection<C extends Command>(command: C): C {
  return command
    .option("--user <id>", "user ID, email or `me` (repeat for more users)", collect)
    .option(
      "--all-users",
      "every user of the account (scope user:read:admin or user:read:list_users:admin)",
    )
    .option(
      "--user-status <list>",
      "with --all-users: the statuses to list (active, inactive, pending)",
      userStatuses,
    ) as C;
}

/** The usage error in a selection, checked before credentials are looked up. */
export function selectionProblem(flags: UserSelectionFlags): string | undefined {
  if (flags.allUsers && flags.user) return "give either --user or --all-users, not both";
  if (!flags.allUsers && !flags.user) return "give --user <id> (repeatable) or --all-users";
  if (flags.userStatus && !flags.allUsers) return "--user-status goes with --all-users";
  return undefined;
}

/** The selected users; with `--all-users`, listed once through the Users API. */
export async function selectedUsers(
  flags: UserSelectionFlags,
  connection: { auth: AuthProvider; baseUrl: string | undefined; governor?: RateGovernor },
  signal: AbortSignal,
  emit: Emit,
): Promise<ArchiveUser[]> {
  if (!flags.allUsers) return (flags.user ?? []).map((id) => ({ id, name: id }));
  const statuses = flags.userStatus ?? ["active", "inactive"];
  // Loaded only with --all-users (start-up time of the others).
  const { createZoomUsersClient } = await import("@clipkit/zoom-users");
  const client = createZoomUsersClient({ ...connection, maxRetries: MAX_RETRIES });
  const users = await listAccountUsers(client, statuses, signal);
  const byStatus = Object.fromEntries(
    statuses.map((s) => [s, users.filter((u) => u.status === s).length]),
  );
  emit({ type: "users", byStatus, total: users.length });
  return users;
}
