// @clipkit/testing's startMock as a user's test runs it: each client against the stateful
// fakes, Prism mode, spec violations, and the global-setup hand-off.
import { createHash } from "node:crypto";
import {
  connectMock,
  jestGlobalSetup,
  jestGlobalTeardown,
  type Mock,
  SpecViolationError,
  startMock,
  vitestGlobalSetup,
} from "@clipkit/testing";
import { createDraftClip, createUplynkClippingClient, waitForClip } from "@clipkit/uplynk-clipping";
import {
  createZoomClipsClient,
  downloadClip,
  transferClips,
  uploadClip,
  waitForTransfer,
} from "@clipkit/zoom-clips";
import {
  createZoomCloudRecordingClient,
  listAllRecordings,
  serverToServerOAuth,
} from "@clipkit/zoom-cloud-recording";
import { afterEach, describe, expect, it } from "vitest";

const mocks: Mock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});
async function started<M extends Mock>(mock: Promise<M>): Promise<M> {
  const m = await mock;
  mocks.push(m);
  return m;
}

describe("startMock, stateful", () => {
  it("zoom-clips: every clip across pages once, and a transfer that succeeds", async () => {
    const mock = await started(
      startMock("zoom-clips", { mode: "stateful", fake: { clipsPerUser: 45, transferPolls: 2 } }),
    );
    const zoom = mock.client(createZoomClipsClient);
    const ids: string[] = [];
    for await (const clip of zoom.paginate("/clips", { query: { user_id: "me", page_size: 30 } }))
      ids.push(clip.clip_id ?? "");
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
    const [source, target] = mock.fake?.state.users ?? [];
    const { task_id } = await transferClips(zoom, {
      source_owner_user_id: source?.id ?? "",
      target_owner_user_id: target?.id ?? "",
      transfer_type: "PARTIAL_TRANSFER",
      clip_id_list: ids.slice(0, 3),
    });
    const task = await waitForTransfer(zoom, task_id, { intervalMs: 100, timeoutMs: 5_000 });
    expect(task.status).toBe("SUCCESS");
  });

  it("zoom-cloud-recording: distinct meetings over a quarter, with Server-to-Server OAuth", async () => {
    const mock = await started(
      startMock("zoom-cloud-recording", {
        mode: "stateful",
        fake: { meetingsPerUser: 20, from: "2024-04-01", to: "2024-06-30" },
      }),
    );
    const zoom = createZoomCloudRecordingClient({
      ...mock.clientOptions(),
      auth: serverToServerOAuth({
        ...(mock.credentials as { accountId: string; clientId: string; clientSecret: string }),
        tokenUrl: mock.tokenUrl ?? "",
      }),
    });
    const uuids: string[] = [];
    for await (const meeting of listAllRecordings(zoom, {
      userId: "me",
      from: "2024-04-01",
      to: "2024-06-30",
    }))
      uuids.push(meeting.uuid ?? "");
    expect(uuids).toHaveLength(20);
    expect(new Set(uuids).size).toBe(20);
  });

  it("uplynk-clipping: a signed draft whose clip completes", async () => {
    const mock = await started(
      startMock("uplynk-clipping", { mode: "stateful", fake: { clipPolls: 2 } }),
    );
    const uplynk = mock.client(createUplynkClippingClient);
    const draft = await createDraftClip(uplynk, {
      beam: "0123456789abcdefghijklmnopqrstuv",
      start: 1000,
      duration: 5,
    });
    const clip = await waitForClip(uplynk, draft.id, { intervalMs: 100, timeoutMs: 5_000 });
    expect(clip).toMatchObject({ draft_id: draft.id, is_complete: true });
    expect(clip.asset).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("zoom-clips uploads and downloads through the client", () => {
  const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

  it("a multipart upload is assembled byte for byte; its download resumes after a reset, no credential at the CDN", async () => {
    const mock = await started(startMock("zoom-clips", { mode: "stateful" }));
    const zoom = mock.client(createZoomClipsClient);
    const bytes = new Uint8Array(11 * 1024 * 1024).map((_, i) => (i * 13 + (i >> 11)) & 0xff);
    const { clip_id } = await uploadClip(zoom, bytes, {
      fileName: "talk.mp4",
      multipartThreshold: 6 * 1024 * 1024,
      partSize: 5 * 1024 * 1024,
    });
    const fake = mock.fake;
    if (!fake) throw new Error("stateful mode has a fake");
    expect([...fake.state.uploads.values()][0]?.parts.size).toBe(3);
    expect(fake.state.sha256(clip_id)).toBe(sha(bytes));

    fake.faults.resetConnection({ on: "cdn", afterBytes: 3 * 1024 * 1024 });
    const download = await downloadClip(zoom, clip_id, { stream: true });
    const got = new Uint8Array(await new Response(download.stream).arrayBuffer());
    expect(sha(got)).toBe(sha(bytes));
    expect(fake.state.cdnRequests.map((r) => [r.status, r.complete])).toEqual([
      [200, false],
      [206, true],
    ]);
    expect(fake.state.cdnRequests[1]?.range).toBe(`bytes=${3 * 1024 * 1024}-`);
    expect(fake.state.credentialLeaks()).toEqual([]);
  });
});

describe("requests the spec forbids", () => {
  it.each(["stateful", "prism"] as const)(
    "fail with the validator's message (%s)",
    async (mode) => {
      const mock = await started(startMock("zoom-cloud-recording", { mode }));
      const { fetch, auth } = mock.clientOptions();
      const call = fetch(`${mock.baseUrl}/users/me/recordings?page_size=500`, {
        headers: { authorization: `Bearer ${auth}` },
      });
      await expect(call).rejects.toBeInstanceOf(SpecViolationError);
      await expect(
        fetch(`${mock.baseUrl}/users/me/recordings?page_size=500`, {
          headers: { authorization: `Bearer ${auth}` },
        }),
      ).rejects.toThrow(/page_size/);
    },
  );
});

describe("startMock, Prism mode", () => {
  it("serves the spec's examples and a working token endpoint", async () => {
    const mock = await started(startMock("zoom-cloud-recording"));
    const zoom = createZoomCloudRecordingClient({
      ...mock.clientOptions(),
      auth: serverToServerOAuth({
        ...(mock.credentials as { accountId: string; clientId: string; clientSecret: string }),
        tokenUrl: mock.tokenUrl ?? "",
      }),
    });
    const { data } = await zoom.GET("/users/{userId}/recordings", {
      params: { path: { userId: "me" } },
    });
    expect(data?.meetings?.[0]?.topic).toBe("MyTestPollMeeting");
  });
});

describe("vitestGlobalSetup and connectMock", () => {
  it("hand the mock's URLs and credentials to test files through the environment", async () => {
    const teardown = await vitestGlobalSetup(["uplynk-clipping"], { mode: "stateful" })();
    try {
      const mock = connectMock("uplynk-clipping");
      const uplynk = mock.client(createUplynkClippingClient);
      const draft = await createDraftClip(uplynk, {
        beam: "0123456789abcdefghijklmnopqrstuv",
        start: 0,
        stop: 2000,
      });
      expect(draft.id).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await teardown();
    }
    expect(() => connectMock("zoom-clips")).toThrow(/no mock of zoom-clips is running/);
  });
});

describe("jestGlobalSetup and jestGlobalTeardown", () => {
  it("start the mocks in setup, hand them over, and stop them in teardown", async () => {
    await jestGlobalSetup(["zoom-clips"], { mode: "stateful" })();
    const mock = connectMock("zoom-clips");
    const zoom = mock.client(createZoomClipsClient);
    const { data } = await zoom.GET("/clips", { params: { query: { page_size: 30 } } });
    expect(data?.data).toHaveLength(30);
    await jestGlobalTeardown()();
    await expect(zoom.GET("/clips", { params: { query: { page_size: 30 } } })).rejects.toThrow();
  });
});
