// The fake against the real client, as a user's test would run it: Server-to-Server OAuth,
// the windowed listing and downloads through the redirect, with faults on the way.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startZoomFake, type ZoomFake } from "@clipkit/testing";
import {
  createZoomCloudRecordingClient,
  listAllRecordings,
  serverToServerOAuth,
} from "@clipkit/zoom-cloud-recording";
import { downloadRecordingFile } from "@clipkit/zoom-cloud-recording/node";
import { afterEach, describe, expect, it } from "vitest";

let fake: ZoomFake | undefined;
let dir: string | undefined;
afterEach(async () => {
  // Removed first: a close that throws must not keep the folder.
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
  await fake?.close();
});

function clientFor(f: ZoomFake) {
  return createZoomCloudRecordingClient({
    baseUrl: f.baseUrl,
    auth: serverToServerOAuth({ ...f.credentials, tokenUrl: f.tokenUrl }),
    maxRetries: 4,
    backoff: { baseDelayMs: 10, maxDelayMs: 50 },
  });
}

describe("the Cloud Recording client against the fake", () => {
  it("lists every meeting of a quarter once and downloads each file with the server's hash, no credential at the CDN", async () => {
    fake = await startZoomFake({
      meetingsPerUser: 45,
      from: "2024-04-01",
      to: "2024-06-30",
      fileSize: { min: 1000, max: 50_000 },
    });
    const zoom = clientFor(fake);
    const meetings = [];
    for await (const meeting of listAllRecordings(zoom, {
      userId: "me",
      from: "2024-04-01",
      to: "2024-06-30",
      page_size: 10,
    })) {
      meetings.push(meeting);
    }
    expect(meetings).toHaveLength(45);
    expect(new Set(meetings.map((m) => m.uuid)).size).toBe(45);

    dir = await mkdtemp(join(tmpdir(), "clipkit-testing-"));
    const token = fake.issueToken();
    let files = 0;
    for (const file of meetings.slice(0, 5).flatMap((m) => m.recording_files ?? [])) {
      const destination = join(dir, `${file.id}.${file.file_extension}`);
      await downloadRecordingFile(file.download_url ?? "", {
        auth: token,
        trustedOrigins: [fake.origin],
        destination,
      });
      const sha = createHash("sha256")
        .update(await readFile(destination))
        .digest("hex");
      expect(sha).toBe(fake.state.sha256(file.id ?? ""));
      files++;
    }
    expect(files).toBe(15);
    expect(fake.state.cdnRequests).toHaveLength(15);
    expect(fake.state.credentialLeaks()).toEqual([]);
  });

  it("gets through a 429 burst, a 503 and an expired token", async () => {
    fake = await startZoomFake({ meetingsPerUser: 6, from: "2024-04-01", to: "2024-04-30" });
    const zoom = clientFor(fake);
    const range = { userId: "me", from: "2024-04-01", to: "2024-04-30" };
    const count = async () => {
      let n = 0;
      for await (const _ of listAllRecordings(zoom, range)) n++;
      return n;
    };
    expect(await count()).toBe(6);
    fake.faults.rateLimit({ count: 2, retryAfterSeconds: 0 });
    fake.faults.serverError({ status: 503 });
    expect(await count()).toBe(6);
    fake.faults.expireTokens();
    expect(await count()).toBe(6);
    expect(fake.state.tokensIssued()).toBe(2);
    expect(fake.state.requests.map((r) => r.status)).toContain(401);
  });
});
