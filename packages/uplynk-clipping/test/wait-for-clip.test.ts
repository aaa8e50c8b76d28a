import { ClipKitValidationError, PermissionDeniedError, TimeoutError } from "@clipkit/core";
import { sleep } from "@clipkit/core/internal";
import { describe, expect, it, vi } from "vitest";
import {
  type Clip,
  ClipWaitTimeoutError,
  createUplynkClippingClient,
  waitForClip,
} from "../src/index.js";

const DRAFT = "3b5cd277915c4c0cb0aea542ce42b5f2";

const clip = (over: Partial<Clip> = {}): Clip => ({
  "@id": "/clip/draft_info/e1fc7c4987ce4b6f96dc561993479666",
  "@type": "Clip",
  asset: "",
  draft_id: DRAFT,
  is_complete: false,
  id: "e1fc7c4987ce4b6f96dc561993479666",
  ...over,
});

const collection = (items: Clip[]) =>
  Response.json({
    "@id": "/clip/draft_info",
    "@type": "Collection",
    items,
    total_items: items.length,
  });

/** Waits of the poller: short real ones (so deadlines still pass), each recorded. */
function quick(waits: number[] = []) {
  return {
    waits,
    sleep: (ms: number, signal: AbortSignal) => {
      waits.push(ms);
      return sleep(2, signal);
    },
  };
}

/** A client whose fetch answers poll n (1-based) with `answer(n)`, recording each request and when. */
function polling(answer: (n: number) => Response) {
  const requests: Array<{ url: URL; at: number }> = [];
  const client = createUplynkClippingClient({
    owner: "o",
    apiKey: "k",
    baseUrl: "https://services.uplynk.com/api/v4",
    fetch: async (input) => {
      const request = input as Request;
      requests.push({ url: new URL(request.url), at: Date.now() });
      request.signal.throwIfAborted();
      return answer(requests.length);
    },
  });
  return { client, requests };
}

describe("waitForClip", () => {
  it.each([
    {
      name: "no clip yet, then in progress, then done",
      answers: [[], [clip()], [clip({ is_complete: true, asset: "asset-9" })]],
    },
    {
      name: "complete but the asset id still empty",
      answers: [[clip({ is_complete: true })], [clip({ is_complete: true, asset: "asset-9" })]],
    },
    { name: "done at once", answers: [[clip({ is_complete: true, asset: "asset-9" })]] },
  ])("resolves after $answers.length polls: $name", async ({ answers }) => {
    const { client, requests } = polling((n) => collection(answers[n - 1] ?? []));
    const done = await waitForClip(client, DRAFT, quick());
    expect(done).toMatchObject({ asset: "asset-9", is_complete: true, draft_id: DRAFT });
    expect(requests).toHaveLength(answers.length);
    for (const { url } of requests) {
      expect(url.pathname).toBe("/api/v4/clip/draft_info");
      expect(url.searchParams.get("draft_id")).toBe(DRAFT);
      expect(url.searchParams.get("sig")).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("ignores clips of other drafts in the answer", async () => {
    const other = clip({ draft_id: "other", is_complete: true, asset: "wrong" });
    const { client, requests } = polling((n) =>
      collection(n < 2 ? [other] : [other, clip({ is_complete: true, asset: "right" })]),
    );
    await expect(waitForClip(client, DRAFT, quick())).resolves.toMatchObject({
      asset: "right",
    });
    expect(requests).toHaveLength(2);
  });

  it("backs off exponentially up to maxIntervalMs", async () => {
    const { client } = polling((n) =>
      collection(n < 6 ? [clip()] : [clip({ is_complete: true, asset: "a" })]),
    );
    const wait = quick();
    await waitForClip(client, DRAFT, { intervalMs: 100, maxIntervalMs: 400, sleep: wait.sleep });
    expect(wait.waits).toEqual([100, 200, 400, 400, 400]);
  });

  it("times out with an error naming the draft and how long it waited", async () => {
    const { client, requests } = polling(() => collection([clip()]));
    const started = Date.now();
    const failure = await waitForClip(client, DRAFT, {
      timeoutMs: 120,
      sleep: (_ms, signal) => sleep(10, signal),
    }).catch((e: unknown) => e);
    const waited = Date.now() - started;
    expect(failure).toBeInstanceOf(ClipWaitTimeoutError);
    const error = failure as ClipWaitTimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.name).toBe("ClipWaitTimeoutError");
    // A poll counts from when it starts: the deadline may cut the last one before it is sent
    // (its request is still being signed).
    const shown = JSON.parse(JSON.stringify(error));
    expect(shown).toMatchObject({ draftId: DRAFT, polls: error.polls });
    expect(error.polls - requests.length).toBeGreaterThanOrEqual(0);
    expect(error.polls - requests.length).toBeLessThanOrEqual(1);
    expect(error.draftId).toBe(DRAFT);
    expect(error.waitedMs).toBeGreaterThanOrEqual(115);
    expect(waited).toBeLessThan(1000);
    expect(error.message).toMatch(
      new RegExp(`Timed out after \\d+ ms \\(\\d+ polls\\) waiting for the clip of draft ${DRAFT}`),
    );
    expect(error.message).toContain("still being created");
  });

  it("rejects promptly with the signal's reason when aborted during a long sleep", async () => {
    const { client, requests } = polling(() => collection([]));
    const controller = new AbortController();
    const pending = waitForClip(client, DRAFT, { signal: controller.signal, intervalMs: 60_000 });
    // Until the first poll is in (signing is async: Web Crypto), not a fixed 20 ms.
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    const reason = new Error("user cancelled");
    const started = Date.now();
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(100);
    expect(requests).toHaveLength(1);
  });

  it("rejects with an AbortError when the signal is aborted without a reason, without polling", async () => {
    const { client, requests } = polling(() => collection([]));
    const failure = await waitForClip(client, DRAFT, { signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect((failure as Error).name).toBe("AbortError");
    expect(requests).toHaveLength(0);
  });

  it("stops on an error answer instead of polling on", async () => {
    const { client, requests } = polling(() =>
      Response.json({ error: "Forbidden", message: "no" }, { status: 403 }),
    );
    await expect(waitForClip(client, DRAFT, quick())).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(requests).toHaveLength(1);
  });

  it.each([
    { options: { timeoutMs: 0 }, field: "timeoutMs" },
    { options: { intervalMs: -1 }, field: "intervalMs" },
    { options: { intervalMs: 0 }, field: "intervalMs" },
    { options: { timeoutMs: Number.POSITIVE_INFINITY }, field: "timeoutMs" },
    { options: { maxIntervalMs: Number.NaN }, field: "maxIntervalMs" },
  ])("refuses $field out of range", async ({ options, field }) => {
    const { client } = polling(() => collection([]));
    await expect(waitForClip(client, DRAFT, options)).rejects.toThrow(ClipKitValidationError);
    await expect(waitForClip(client, DRAFT, options)).rejects.toMatchObject({ field });
  });

  it.each([
    { given: "", name: "an empty draft id" },
    { given: "   ", name: "a blank draft id" },
    { given: 42 as unknown as string, name: "a draft id that is not a string" },
  ])("refuses $name before any request", async ({ given }) => {
    const { client, requests } = polling(() => collection([]));
    const failure = await waitForClip(client, given).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect(failure).toMatchObject({
      field: "draftId",
      message: "draftId: must be a non-empty string",
    });
    expect(requests).toEqual([]);
  });
});

describe("ClipWaitTimeoutError", () => {
  it.each([
    {
      lastSeen: undefined,
      state: "no clip had been generated from it yet",
    },
    {
      lastSeen: clip(),
      state: "clip e1fc7c4987ce4b6f96dc561993479666 was still being created",
    },
    {
      lastSeen: clip({ is_complete: true }),
      state: "clip e1fc7c4987ce4b6f96dc561993479666 was still without an asset",
    },
  ])("says what it last saw: $state", ({ lastSeen, state }) => {
    const error = new ClipWaitTimeoutError(DRAFT, 600_000, 25, lastSeen);
    expect(error.message).toBe(
      `Timed out after 600000 ms (25 polls) waiting for the clip of draft ${DRAFT}: ${state}`,
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      draftId: DRAFT,
      waitedMs: 600_000,
      polls: 25,
      ...(lastSeen ? { clipId: lastSeen.id } : {}),
    });
  });
});
