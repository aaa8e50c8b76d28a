import type { ArchiveItem, ArchiveSource } from "../archive/source.js";
import type { ArchiveWords } from "../output/reporter.js";
import type { PreparedRun } from "./archive-run.js";
import type { RunOperation } from "./scope-check.js";

/**
 * What a Zoom API brings to the commands over its archive (`archive`, `verify`): the words
 * its lines use, the operations a run calls and the source that lists (and fetches) its files.
 */
export interface SourceSpec<I extends ArchiveItem> {
  /** What its lines call what it lists. */
  words: ArchiveWords;
  /**
   * The operations a run with these flags calls (their scopes are checked first). Async, as
   * `source` is: what only some runs need is imported when they run (start-up time).
   */
  operations(flags: { allUsers?: boolean; trashAfter?: boolean }): Promise<RunOperation[]>;
  /** The source of the run, once the arguments are checked and the credentials found. */
  source(zoom: PreparedRun["zoom"], range: { from: string; to: string }): Promise<ArchiveSource<I>>;
}
