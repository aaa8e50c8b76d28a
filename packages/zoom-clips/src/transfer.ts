import { sleep, unwrap } from "@clipkit/core";
import type { Client } from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";
import { validateTransferRequest } from "./validation.js";

export type TransferRequest = components["schemas"]["TransferRequest"];
export type Transfer = components["schemas"]["Transfer"];
export type TransferTask = components["schemas"]["TransferTask"];
export type TransferStatus = TransferTask["status"];

/** The transfer task ended with status `FAILED`. `task` is the last status Zoom returned. */
export class TransferFailedError extends Error {
  override name = "TransferFailedError";
  constructor(
    readonly taskId: string,
    readonly task: TransferTask,
  ) {
    super(`Clip transfer task ${taskId} failed: ${describeFailure(task)}`);
  }
}

/** The transfer task was still running when `timeoutMs` ran out. */
export class TransferTimeoutError extends Error {
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

export interface WaitForTransferOptions {
  signal?: AbortSignal;
  /** Give up after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** First wait between polls. Default 2 s; doubles after every poll. */
  intervalMs?: number;
  /** Longest wait between polls. Default 30 s. */
  maxIntervalMs?: number;
  /** Called with every status received (progress display, logs). */
  onPoll?: (task: TransferTask) => void;
}

export const WAIT_FOR_TRANSFER_DEFAULTS = {
  timeoutMs: 10 * 60_000,
  intervalMs: 2_000,
  maxIntervalMs: 30_000,
} as const;

/**
 * Polls `GET /clips/transfers/{taskId}` with exponential backoff until the task leaves
 * `IN_PROCESS`. Resolves with the task on `SUCCESS`; rejects with `TransferFailedError` on
 * `FAILED`, `TransferTimeoutError` after `timeoutMs`, the signal's reason on abort, and a
 * typed `ApiError` (from @clipkit/core) when Zoom answers with an error.
 */
export async function waitForTransfer(
  client: Client<paths>,
  taskId: string,
  options: WaitForTransferOptions = {},
): Promise<TransferTask> {
  const timeoutMs = options.timeoutMs ?? WAIT_FOR_TRANSFER_DEFAULTS.timeoutMs;
  const maxIntervalMs = options.maxIntervalMs ?? WAIT_FOR_TRANSFER_DEFAULTS.maxIntervalMs;
  let intervalMs = options.intervalMs ?? WAIT_FOR_TRANSFER_DEFAULTS.intervalMs;
  let lastStatus: TransferStatus | undefined;

  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new TransferTimeoutError(taskId, timeoutMs, lastStatus)),
    timeoutMs,
  );
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  try {
    for (;;) {
      signal.throwIfAborted();
      const task = await abortable(
        unwrap(client.GET("/clips/transfers/{taskId}", { params: { path: { taskId } }, signal })),
        signal,
      );
      lastStatus = task.status;
      options.onPoll?.(task);
      if (task.status === "SUCCESS") return task;
      if (task.status === "FAILED") throw new TransferFailedError(taskId, task);
      await sleep(intervalMs, signal, (s) => s.reason);
      intervalMs = Math.min(intervalMs * 2, maxIntervalMs);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
