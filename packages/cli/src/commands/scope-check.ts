// Which operations a run needs that the credentials may not call, known before anything is
// listed: each operation's scopes are generated from the specs (Zoom's published
// `x-macro-scopes`/`x-granular-scopes`), the granted ones come with the OAuth token.
import { grantsScopes, type OperationScopes } from "@clipkit/core/internal";
import { operationInfo as recordingOperations } from "@clipkit/zoom-cloud-recording";
import { missingScopesText } from "../output/format.js";
import type { ZoomConnection } from "../zoom-auth.js";

export interface RunOperation {
  /** What the run does with it, e.g. "list recordings". */
  purpose: string;
  /** `<METHOD> <path>`, as the spec names it. */
  operation: string;
  scopes: OperationScopes;
}

function operation(
  table: Record<string, { scopes?: OperationScopes }>,
  key: string,
  purpose: string,
): RunOperation {
  const scopes = table[key]?.scopes;
  // A spec without the operation's scopes is a build defect, not a user's.
  if (!scopes) throw new Error(`${key}: the generated table lists no scopes`);
  return { purpose, operation: key, scopes };
}

type RunFlags = { allUsers?: boolean; trashAfter?: boolean };

// The Users and Clips tables are loaded only by the runs that call them (start-up time).
const listUsers = async (flags: RunFlags) => {
  if (!flags.allUsers) return [];
  const { operationInfo } = await import("@clipkit/zoom-users");
  return [operation(operationInfo, "GET /users", "list the account's users")];
};

const trashRecordings = (flags: RunFlags) =>
  flags.trashAfter
    ? [
        operation(
          recordingOperations,
          "DELETE /meetings/{meetingId}/recordings",
          "move recordings to the trash",
        ),
      ]
    : [];

/**
 * The operations a recordings archive (or verify) run calls. The files' `download_url`s are
 * no operation of their own: Zoom lets a token that may list the recordings download them.
 */
export async function archiveOperations(flags: RunFlags): Promise<RunOperation[]> {
  return [
    ...(await listUsers(flags)),
    operation(
      recordingOperations,
      "GET /users/{userId}/recordings",
      "list recordings and download their files",
    ),
    ...trashRecordings(flags),
  ];
}

/** The operations `watch` calls for certain: the trash, with `--trash-after`. */
export function watchOperations(flags: RunFlags): RunOperation[] {
  return trashRecordings(flags);
}

/** The operations a clips archive (or verify) run calls (downloads go through each clip's own URL). */
export async function clipArchiveOperations(flags: RunFlags): Promise<RunOperation[]> {
  const { operationInfo: clipOperations } = await import("@clipkit/zoom-clips");
  return [
    ...(await listUsers(flags)),
    operation(clipOperations, "GET /clips", "list clips and download them"),
    ...(flags.trashAfter
      ? [operation(clipOperations, "DELETE /clips/{clipId}", "delete clips")]
      : []),
  ];
}

/**
 * The operations of `needed` the connection's token may not call; none when the token's scopes
 * cannot be known (`ZOOM_TOKEN`, or a token response without `scope`). Asks for the token.
 */
export async function uncallable(
  connection: ZoomConnection,
  needed: RunOperation[],
  signal?: AbortSignal,
): Promise<RunOperation[]> {
  const granted = await connection.grantedScopes?.(signal);
  if (!granted) return [];
  return needed.filter((op) => !grantsScopes(granted, op.scopes));
}

/** The one-line error that ends a run needing operations the token may not call. */
export function missingScopesError(missing: RunOperation[]): Error {
  return new Error(`${missing.map(missingScopesText).join("; ")} (nothing was done)`);
}
