/** What an archive run (and `watch`) reports, in order; `--json` prints each as one line. */
export type ArchiveEvent =
  | { type: "listening"; url: string; pending: number; failedKept: number }
  | { type: "accepted"; meetingUuid: string; topic: string; files: number }
  | { type: "refused"; status: number; reason: string }
  | { type: "not-ready"; meetingUuid: string; fileId: string; status: string }
  | { type: "event-done"; meetingUuid: string; topic: string; files: number }
  | { type: "event-failed"; meetingUuid: string; topic: string; error: string }
  | { type: "listing"; users: string[]; from: string; to: string }
  | {
      /** An operation the run needs that the token's scopes do not allow (known up front). */
      type: "missing-scopes";
      operation: string;
      purpose: string;
      scopes: { macro: readonly string[]; granular: readonly string[] };
    }
  | { type: "verify-missing"; fileId: string; path: string; reason: string }
  | { type: "verify-changed"; fileId: string; path: string; reason: string }
  | { type: "verify-unexpected"; path: string }
  | {
      type: "verify-summary";
      checked: number;
      missing: number;
      changed: number;
      unexpected: number;
      ok: boolean;
    }
  | {
      type: "users";
      /** Users of each status the account listing found (`--all-users`). */
      byStatus: Record<string, number>;
      total: number;
    }
  | {
      type: "listed-user";
      user: string;
      /** 1-based position among the users, and their count. */
      index: number;
      total: number;
      meetings: number;
      files: number;
      bytes: number;
    }
  | { type: "user-done"; user: string; done: number; total: number }
  | {
      type: "plan";
      users: number;
      /** Users with files still to download. */
      downloadUsers: number;
      meetings: number;
      files: number;
      bytes: number;
      /** Already complete and verified in `--out`: not downloaded again. */
      skipFiles: number;
      skipBytes: number;
      downloadFiles: number;
      downloadBytes: number;
      dryRun: boolean;
    }
  | { type: "start"; fileId: string; path: string; size: number | undefined }
  | { type: "progress"; fileId: string; path: string; bytes: number; size: number | undefined }
  | {
      type: "done";
      fileId: string;
      path: string;
      size: number;
      sha256: string;
      /** Bytes a `.part` from an earlier run already held (0: downloaded whole). */
      resumedFrom: number;
      /** The file was already under its name, complete: only verified, not downloaded. */
      verifiedOnly: boolean;
    }
  | { type: "would-download"; fileId: string; path: string; size: number | undefined }
  | { type: "failed"; fileId: string; path: string; error: string }
  | { type: "trashed"; meetingUuid: string; topic: string; files: number }
  | { type: "would-trash"; meetingUuid: string; topic: string; files: number }
  | { type: "kept"; meetingUuid: string; topic: string; reason: string }
  | { type: "trash-failed"; meetingUuid: string; topic: string; error: string }
  | {
      type: "summary";
      downloaded: number;
      downloadedBytes: number;
      verified: number;
      skipped: number;
      failed: number;
      trashed: number;
      seconds: number;
      interrupted: boolean;
      dryRun: boolean;
    };

export type Emit = (event: ArchiveEvent) => void;
