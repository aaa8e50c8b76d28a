// The Zoom fake's recording.completed events: what the webhooks spec requires, a
// download_token its download URLs accept for 24 hours (and no longer), delivery that
// retries like Zoom until a 2xx.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listenOnLoopback } from "../../src/http/listen.js";
import { startZoomFake, type ZoomFake } from "../../src/index.js";

const spec = parse(
  readFileSync(new URL("../../../../specs/zoom-webhooks.yaml", import.meta.url), "utf8"),
);
const bodySchema =
  spec.webhooks["recording.completed"].post.requestBody.content["application/json"].schema;

let fake: ZoomFake | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await fake?.close();
  for (const close of closers.splice(0)) await close();
});

describe("the Zoom fake's recording.completed", () => {
  it("carries every field the spec requires, with the host's email and each file's download URL", async () => {
    fake = await startZoomFake({ users: 2, meetingsPerUser: 2, filesPerMeeting: 3 });
    const meeting = fake.state.meetings[3];
    // biome-ignore lint/suspicious/noExplicitAny: checked against the spec's required fields.
    const event: any = fake.webhooks.recordingCompleted(meeting?.uuid ?? "");
    for (const key of bodySchema.required) expect(event).toHaveProperty(key);
    for (const key of bodySchema.properties.payload.required)
      expect(event.payload).toHaveProperty(key);
    const object = bodySchema.properties.payload.properties.object;
    for (const key of object.required) expect(event.payload.object).toHaveProperty(key);
    expect(event.payload.object.host_email).toBe(
      fake.state.users.find((u) => u.id === meeting?.hostId)?.email,
    );
    expect(event.payload.object.recording_files).toHaveLength(3);
  });

  it("its download_token downloads each file as a bearer token for 24 hours of the fake's clock", async () => {
    fake = await startZoomFake({ meetingsPerUser: 1, filesPerMeeting: 1, fileSize: 2048 });
    const meeting = fake.state.meetings[0];
    // biome-ignore lint/suspicious/noExplicitAny: the fake's event, as sent.
    const event: any = fake.webhooks.recordingCompleted(meeting?.uuid ?? "");
    const file = event.payload.object.recording_files[0];
    const get = () =>
      fetch(file.download_url, { headers: { authorization: `Bearer ${event.download_token}` } });
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(fake.state.fileBytes(file.id))).toBe(true);
    expect(fake.state.credentialLeaks()).toEqual([]);
    fake.clock.advance(24 * 60 * 60_000 + 1);
    const late = await get();
    expect(late.status).toBe(401);
    expect(((await late.json()) as { code: number }).code).toBe(124);
  });

  it("deliver retries a non-2xx answer on Zoom's schedule (shortened here) and stops at the first 2xx", async () => {
    fake = await startZoomFake({ meetingsPerUser: 1 });
    const answers = [500, 503, 200];
    const seen: string[] = [];
    const listening = await listenOnLoopback((req, res) => {
      seen.push(String(req.headers["x-zm-signature"]));
      req.resume();
      req.on("end", () => res.writeHead(answers.shift() ?? 500).end());
    });
    closers.push(() => listening.close());
    const event = fake.webhooks.recordingCompleted(fake.state.meetings[0]?.uuid ?? "");
    const statuses = await fake.webhooks.deliver(`${listening.origin}/hook`, event, "s3cret", {
      retryDelaysMs: [5, 5, 5],
    });
    expect(statuses).toEqual([500, 503, 200]);
    expect(seen).toHaveLength(3);
    expect(seen.every((s) => /^v0=[0-9a-f]{64}$/.test(s))).toBe(true);
  });
});
