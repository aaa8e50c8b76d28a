import { sleep } from "@clipkit/core/internal";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ClipKitError,
  ClipKitValidationError,
  createZoomClipsClient,
  TimeoutError,
  TransferFailedError,
  TransferTimeoutError,
  transferClips,
  WAIT_FOR_TRANSFER_DEFAULTS,
  waitForTransfer,
} from "../src/index.js";
import { fakeFetch, json } from "./fake-fetch.js";

const task = (status: string, extra: Record<string, unknown> = {}) => ({
  status,
  transfer_type: "PARTIAL_TRANSFER",
  source_owner_user_id: "user_123",
  target_owner_user_id: "user_234",
  clip_id_list: ["clip_a", "clip_b"],
  ...extra,
});

/** Waits recorded instead of slept. */
function recorded() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** Answers the polls with `statuses` in turn (the last one repeats). */
function polls(...statuses: Array<Record<string, unknown>>) {
  const fake = fakeFetch((_, index) => json(statuses[Math.min(index, statuses.length - 1)]));
  const client = createZoomClipsClient({
    auth: "t",
    baseUrl: "https://api.test/v2",
    fetch: fake.fetch,
  });
  return { client, requests: fake.requests };
}

describe("waitForTransfer", () => {
  it("has the documented defaults", () => {
    expect(WAIT_FOR_TRANSFER_DEFAULTS).toEqual({
      timeoutMs: 600_000,
      intervalMs: 2_000,
      maxIntervalMs: 30_000,
    });
  });

  it("polls until SUCCESS and resolves with the task", async () => {
    const { client, requests } = polls(
      task("IN_PROCESS"),
      task("IN_PROCESS"),
      task("IN_PROCESS"),
      task("SUCCESS"),
    );
    const seen: string[] = [];
    const done = await waitForTransfer(client, "task 1", {
      ...recorded(),
      onPoll: (t) => seen.push(t.status),
    });
    expect(done.status).toBe("SUCCESS");
    expect(seen).toEqual(["IN_PROCESS", "IN_PROCESS", "IN_PROCESS", "SUCCESS"]);
    expect(requests).toHaveLength(4);
    expect(requests.every((r) => r.url === "https://api.test/v2/clips/transfers/task%201")).toBe(
      true,
    );
  });

  it("backs off exponentially up to maxIntervalMs", async () => {
    const fake = fakeFetch((_, index) => json(task(index < 5 ? "IN_PROCESS" : "SUCCESS")));
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch });
    const wait = recorded();
    await waitForTransfer(client, "t", { intervalMs: 100, maxIntervalMs: 400, sleep: wait.sleep });
    expect(wait.waits).toEqual([100, 200, 400, 400, 400]);
  });

  it.each([
    { given: { intervalMs: 0 }, field: "intervalMs" },
    { given: { intervalMs: 50 }, field: "intervalMs" },
    { given: { timeoutMs: Number.NaN }, field: "timeoutMs" },
    { given: { timeoutMs: Number.POSITIVE_INFINITY }, field: "timeoutMs" },
    { given: { maxIntervalMs: 10 }, field: "maxIntervalMs" },
  ])("refuses $given before polling", async ({ given, field }) => {
    const { client, requests } = polls(task("SUCCESS"));
    const error = await waitForTransfer(client, "t", given).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect((error as ClipKitValidationError).field).toBe(field);
    expect(requests).toHaveLength(0);
  });

  it("refuses an empty task ID before polling", async () => {
    const { client, requests } = polls(task("SUCCESS"));
    await expect(waitForTransfer(client, " ")).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(requests).toHaveLength(0);
  });

  it("rejects with TransferFailedError that says what failed and why", async () => {
    const { client } = polls(
      task("IN_PROCESS"),
      task("FAILED", { reason: "target user is inactive" }),
    );
    const error = await waitForTransfer(client, "task_9", recorded()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TransferFailedError);
    expect(error).toBeInstanceOf(ClipKitError);
    expect(error).toMatchObject({ taskId: "task_9", task: { status: "FAILED" } });
    expect((error as Error).message).toBe(
      "Clip transfer task task_9 failed: PARTIAL_TRANSFER of 2 clip(s) (clip_a, clip_b) from user_123 to user_234 — reason: target user is inactive",
    );
  });

  it("quotes every extra field of a failed task, non-strings as JSON; a full transfer names no clips", async () => {
    const { client } = polls(
      task("FAILED", {
        transfer_type: "FULL_TRANSFER",
        clip_id_list: undefined,
        code: 3001,
        detail: { user: "gone" },
      }),
    );
    const error = await waitForTransfer(client, "task_7").catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Clip transfer task task_7 failed: FULL_TRANSFER from user_123 to user_234 — code: 3001; detail: {"user":"gone"}',
    );
    expect((error as TransferFailedError).toJSON()).toMatchObject({
      name: "TransferFailedError",
      taskId: "task_7",
      status: "FAILED",
    });
  });

  it("an empty clip list names no clips either", async () => {
    const { client } = polls(task("FAILED", { clip_id_list: [] }));
    await expect(waitForTransfer(client, "task_8")).rejects.toThrow(
      "Clip transfer task task_8 failed: PARTIAL_TRANSFER from user_123 to user_234 — Zoom gave no reason",
    );
  });

  it("says when Zoom gave no reason for a failure", async () => {
    const { client } = polls(task("FAILED"));
    await expect(waitForTransfer(client, "task_9")).rejects.toThrow(/Zoom gave no reason/);
  });

  it("times out with an error naming the task and its last status", async () => {
    const { client, requests } = polls(task("IN_PROCESS"));
    const started = Date.now();
    const error = await waitForTransfer(client, "task_slow", {
      timeoutMs: 60,
      sleep: (_ms, signal) => sleep(5, signal),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransferTimeoutError);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe(
      "Clip transfer task task_slow did not finish within 60 ms (last status: IN_PROCESS)",
    );
    expect((error as TransferTimeoutError).toJSON()).toMatchObject({
      taskId: "task_slow",
      timeoutMs: 60,
      lastStatus: "IN_PROCESS",
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requests.length).toBeGreaterThan(1);
  });

  it("times out even while a poll hangs", async () => {
    const fake = fakeFetch(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch });
    await expect(waitForTransfer(client, "task_hung", { timeoutMs: 30 })).rejects.toThrow(
      /task_hung did not finish within 30 ms \(last status: none received\)/,
    );
  });

  it("rejects promptly with the signal's reason when aborted between polls", async () => {
    const { client, requests } = polls(task("IN_PROCESS"));
    const controller = new AbortController();
    const started = Date.now();
    const waiting = waitForTransfer(client, "t", { intervalMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancelled")), 20);
    await expect(waiting).rejects.toThrow("user cancelled");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requests).toHaveLength(1);
  });

  it("rejects at once with an already aborted signal, sending nothing", async () => {
    const { client, requests } = polls(task("SUCCESS"));
    await expect(
      waitForTransfer(client, "t", { signal: AbortSignal.abort(new Error("gone")) }),
    ).rejects.toThrow("gone");
    expect(requests).toHaveLength(0);
  });

  it("surfaces an error answer with Zoom's code", async () => {
    const fake = fakeFetch(() =>
      json({ code: 10002, message: "Can not found any async task by taskId and accountId." }, 404),
    );
    const client = createZoomClipsClient({ auth: "t", fetch: fake.fetch });
    const error = await waitForTransfer(client, "nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 10002 });
  });
});

describe("transferClips", () => {
  it("posts the body and returns the task id", async () => {
    const fake = fakeFetch(() => json({ task_id: "task_id_123" }, 201));
    const client = createZoomClipsClient({
      auth: "t",
      baseUrl: "https://api.test/v2",
      fetch: fake.fetch,
    });
    const body = {
      source_owner_user_id: "u1",
      target_owner_user_id: "u2",
      transfer_type: "PARTIAL_TRANSFER" as const,
      clip_id_list: ["c1"],
    };
    await expect(transferClips(client, body)).resolves.toEqual({ task_id: "task_id_123" });
    expect(fake.requests[0]?.method).toBe("POST");
    expect(fake.requests[0]?.url).toBe("https://api.test/v2/clips/transfers");
    expect(await fake.requests[0]?.json()).toEqual(body);
  });
});
