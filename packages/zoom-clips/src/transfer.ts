import { ClipKitError, ClipKitValidationError, TimeoutError, unwrap } from "@clipkit/core";
import { POLL_DEFAULTS, type PollOptions, poll } from "@clipkit/core/internal";
import type { Client } from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";
import { validateTransferRequest } from "./validation.js";

export type TransferRequest = components["schemas"]["TransferRequest"];
export type Transfer = components["schemas"]["Transfer"];
export type TransferTask = components["schemas"]["TransferTask"];
export type TransferStatus = TransferTask["status"];

/** The transfer task ended with status `FAILED`. `task` is the last status Zoom returned. */
export class TransferFailedError extends ClipKitError {
  override name = "TransferFailedError";
  constructor(
    readonly taskId: string,
    readonly task: TransferTask,
  ) {
    super(`Clip transfer task ${taskId} failed: ${describeFailure(task)}`);
  }
  protected override details(): Record<string, unknown> {
    return { taskId: this.taskId, status: this.task.status };
  }
}

/** The transfer task was still running when `timeoutMs` ran out. A core `TimeoutError`. */
export class TransferTimeoutError extends TimeoutError {
  override name = "TransferTimeoutError";
  constructor(
    readonly taskId: string,
    readonly timeoutMs: number,
    readonly lastStatus: TransferStatus | undefined,
  ) {
    super(
      `Clip transfer task ${taskId} did not finish within ${timeoutMs} ms (last status: ${lastStatus ?? "none received"})`,
    );
  }
  protected override details(): Record<string, unknown> {
    return { taskId: this.taskId, timeoutMs: this.timeoutMs, lastStatus: this.lastStatus };
  }
}

/**
 * Zoom's task status carries no failure reason field: say what was being transferred, and
 * add any extra field Zoom sent (a `reason`, `message`, `error`, …) verbatim.
 */
function describeFailure(task: TransferTask): string {
  const clips = task.clip_id_list?.length
    ? ` of ${task.clip_id_list.length} clip(s) (${task.clip_id_list.join(", ")})`
    : "";
  const known = new Set([
    "status",
    "transfer_type",
    "source_owner_user_id",
    "target_owner_user_id",
    "clip_id_list",
  ]);
  const extra = Object.entries(task as Record<string, unknown>)
    .filter(([key]) => !known.has(key))
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  const reason = extra.length ? extra.join("; ") : "Zoom gave no reason";
  return `${task.transfer_type}${clips} from ${task.source_owner_user_id} to ${task.target_owner_user_id} — ${reason}`;
}

/**
 * Starts a clip ownership transfer (`POST /clips/transfers`) and returns its task.
 * The body is checked first (both users, 1–50 clips for a partial transfer); a broken body
 * throws a `ClipKitValidationError` and sends nothing.
 */
export async function transferClips(
  client: Client<paths>,
  body: TransferRequest,
  init: { signal?: AbortSignal } = {},
): Promise<Transfer> {
  validateTransferRequest(body);
  return unwrap(
    client.POST("/clips/transfers", { body, ...(init.signal ? { signal: init.signal } : {}) }),
  );
}

export interface WaitForTransferOptions extends PollOptions {
  /** Called with every status received (progress display, logs). */
  onPoll?: (task: TransferTask) => void;
}

export const WAIT_FOR_TRANSFER_DEFAULTS = POLL_DEFAULTS;

/**
 * Polls `GET /clips/transfers/{taskId}` with core's poller (exponential backoff) until the
 * task leaves `IN_PROCESS`. Resolves with the task on `SUCCESS`; rejects with
 * `TransferFailedError` on `FAILED`, `TransferTimeoutError` after `timeoutMs`, the signal's
 * reason on abort, and a typed `ApiError` when Zoom answers with an error. Bad options (an
 * interval under 100 ms, a non-finite timeout, an empty task ID) throw before any request.
 */
export async function waitForTransfer(
  client: Client<paths>,
  taskId: string,
  options: WaitForTransferOptions = {},
): Promise<TransferTask> {
  if (typeof taskId !== "string" || taskId.trim() === "") {
    throw new ClipKitValidationError("taskId", "give the task_id that transferClips returned");
  }
  const { onPoll, ...pollOptions } = options;
  const timeoutMs = pollOptions.timeoutMs ?? POLL_DEFAULTS.timeoutMs;
  return poll<TransferTask, TransferStatus>(
    {
      async check(signal) {
        const task = await unwrap(
          client.GET("/clips/transfers/{taskId}", { params: { path: { taskId } }, signal }),
        );
        onPoll?.(task);
        if (task.status === "SUCCESS") return { done: true, value: task };
        if (task.status === "FAILED") throw new TransferFailedError(taskId, task);
        return { done: false, seen: task.status };
      },
      timedOut: ({ lastSeen }) => new TransferTimeoutError(taskId, timeoutMs, lastSeen),
    },
    pollOptions,
  );
}
