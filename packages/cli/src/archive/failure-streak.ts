import { ApiError, DownloadChangedError } from "@clipkit/core";

/**
 * Files that may fail one after another, none finishing in between, before a run stops. Each
 * failure already spent its retries and resumes (half a minute or more against a host that
 * refuses): five of them in a row is an outage, not bad luck, and the run's other thousands of
 * files would each spend as long to fail the same way.
 */
export const FAILED_IN_A_ROW = 5;

/** A file's size on the server differs from its listing's: the file's own failure. */
export class ListedSizeMismatchError extends Error {
  override name = "ListedSizeMismatchError";
}

/**
 * A failure that is the file's own: it is gone (404, 410), it changed while it downloaded, or
 * it does not have the listed size. The next file may well succeed, so these do not count
 * towards a stop. Anything else (refused or reset connections, timeouts, 5xx, a 401 of an
 * expired token, a storage target that fails) may be the same for every file.
 */
export function isFileOwnFailure(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 404 || error.status === 410;
  return error instanceof DownloadChangedError || error instanceof ListedSizeMismatchError;
}

/** Failures in a row across a run's workers; a finished file starts the count again. */
export class FailureStreak {
  private count = 0;

  /** Counts `error`; true once `FAILED_IN_A_ROW` failures came with nothing finished between. */
  failed(error: unknown): boolean {
    if (isFileOwnFailure(error)) return false;
    this.count++;
    return this.count >= FAILED_IN_A_ROW;
  }

  finished(): void {
    this.count = 0;
  }

  get inARow(): number {
    return this.count;
  }
}
