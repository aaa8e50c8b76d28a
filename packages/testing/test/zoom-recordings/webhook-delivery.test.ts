// The Cloud Recording fake delivers recording.completed like Zoom: signed, valid against
// specs/zoom-webhooks.yaml, with a download_token its download URLs accept for 24 hours of the
// fake clock, and retried after 5, 20 and 60 minutes when the receiver does not take it.
import { createHash, createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv2020 } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import { afterEach, describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.js";
import { startZoomFake, type ZoomFake } from "../../src/index.js";
import { specSchemas } from "../spec-schemas.js";

const SECRET = "fake-webhook-secret";
const NOW = Date.UTC(2024, 2, 15, 12);
const MINUTE = 60_000;

const ajv = new Ajv2020({ strict: false, allErrors: true });
formatsModule.default(ajv);
const completedSchema = ajv.compile(
  specSchemas("zoom-webhooks").spec.webhooks["recording.completed"].post.requestBody.content[
    "application/json"
  ].schema,
);

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let fake: ZoomFake | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await fake?.close();
  await new Promise((resolve) => receiver?.close(resolve) ?? resolve(undefined));
  fake = undefined;
  receiver = undefined;
});

/** A receiver answering each POST with the next status of `statuses` (then 200). */
async function startReceiver(statuses: number[] = []): Promise<{ url: string; got: Received[] }> {
  const got: Received[] = [];
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    got.push({ headers: req.headers, body: Buffer.concat(chunks) });
    res.statusCode = statuses.shift() ?? 200;
    res.end();
  });
  await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, got };
}

async function start() {
  fake = await startZoomFake({ clock: createClock(() => NOW), meetingsPerUser: 2 });
  return fake;
}

describe("ZoomFake.webhooks", () => {
  it("sends a signed recording.completed that matches the spec, whose token downloads every file", async () => {
    const f = await start();
    const { url, got } = await startReceiver();
    f.webhooks.subscribe(url, SECRET);
    const meeting = f.state.meetings[0];
    if (!meeting) throw new Error("no meeting");
    const attempt = await f.webhooks.completeRecording(meeting.uuid);
    expect(attempt).toMatchObject({ attempt: 1, status: 200, meetingUuid: meeting.uuid });

    const [request] = got;
    const timestamp = String(request?.headers["x-zm-request-timestamp"]);
    expect(timestamp).toBe(String(Math.floor(NOW / 1000)));
    const mac = createHmac("sha256", SECRET)
      .update(`v0:${timestamp}:`)
      .update(request?.body ?? "");
    expect(request?.headers["x-zm-signature"]).toBe(`v0=${mac.digest("hex")}`);

    const event = JSON.parse(String(request?.body));
    expect(completedSchema(event), ajv.errorsText(completedSchema.errors)).toBe(true);
    expect(event.payload.object.uuid).toBe(meeting.uuid);
    expect(event.download_token).toMatch(/^fake_dt_/);
    for (const file of event.payload.object.recording_files) {
      const download = await fetch(file.download_url, {
        headers: { authorization: `Bearer ${event.download_token}` },
      });
      expect(download.status).toBe(200);
      const sha = createHash("sha256")
        .update(Buffer.from(await download.arrayBuffer()))
        .digest("hex");
      expect(sha).toBe(f.state.sha256(file.id));
    }
    expect(f.state.credentialLeaks()).toEqual([]);

    // 24 hours of the fake clock later, the token is refused (401, Zoom's code 124).
    f.clock.advance(24 * 3600_000 + 1000);
    const late = await fetch(event.payload.object.recording_files[0].download_url, {
      headers: { authorization: `Bearer ${event.download_token}` },
      redirect: "manual",
    });
    expect(late.status).toBe(401);
    expect((await late.json()).code).toBe(124);
  });

  it("retries a 5xx after 5, 20 and 60 minutes of the fake clock, with the same bytes, then stops", async () => {
    const f = await start();
    const { url, got } = await startReceiver([500, 503, 502, 500]);
    f.webhooks.subscribe(url, SECRET);
    const uuid = f.state.meetings[0]?.uuid ?? "";
    await f.webhooks.completeRecording(uuid);
    expect(await f.webhooks.deliverDue()).toEqual([]);
    f.clock.advance(5 * MINUTE - 1);
    expect(await f.webhooks.deliverDue()).toEqual([]);
    f.clock.advance(1);
    expect((await f.webhooks.deliverDue()).map((a) => [a.attempt, a.status])).toEqual([[2, 503]]);
    f.clock.advance(20 * MINUTE);
    expect((await f.webhooks.deliverDue()).map((a) => a.attempt)).toEqual([3]);
    f.clock.advance(60 * MINUTE);
    expect((await f.webhooks.deliverDue()).map((a) => a.attempt)).toEqual([4]);
    f.clock.advance(24 * 60 * MINUTE);
    expect(await f.webhooks.deliverDue()).toEqual([]);
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.body.toString("hex"))).size).toBe(1);
    // Each attempt is signed anew, at its own time.
    expect(new Set(got.map((r) => r.headers["x-zm-request-timestamp"])).size).toBe(4);
  });

  it.each([
    { given: "a 2xx", statuses: [204] },
    { given: "a 4xx (Zoom does not retry client errors)", statuses: [401] },
    { given: "a 3xx", statuses: [302] },
  ])("does not retry $given", async ({ statuses }) => {
    const f = await start();
    const { url, got } = await startReceiver([...statuses]);
    f.webhooks.subscribe(url, SECRET);
    await f.webhooks.completeRecording(f.state.meetings[0]?.uuid ?? "");
    f.clock.advance(2 * 24 * 60 * MINUTE);
    expect(await f.webhooks.deliverDue()).toEqual([]);
    expect(got).toHaveLength(1);
  });

  it("retries when nobody answers, then delivers once the receiver is up", async () => {
    const f = await start();
    const { url, got } = await startReceiver();
    await new Promise((resolve) => receiver?.close(resolve));
    f.webhooks.subscribe(url, SECRET);
    const first = await f.webhooks.completeRecording(f.state.meetings[1]?.uuid ?? "");
    expect(first.status).toBeUndefined();
    expect(first.error).toBeTruthy();
    const port = Number(new URL(url).port);
    receiver?.listen(port, "127.0.0.1");
    await new Promise((resolve) => receiver?.once("listening", resolve));
    f.clock.advance(5 * MINUTE);
    expect((await f.webhooks.deliverDue()).map((a) => a.status)).toEqual([200]);
    expect(got).toHaveLength(1);
  });

  it("refuses to send without a subscription or for an unknown meeting", async () => {
    const f = await start();
    await expect(f.webhooks.completeRecording(f.state.meetings[0]?.uuid ?? "")).rejects.toThrow(
      /subscribe/,
    );
    expect(() => f.webhooks.completeRecording("nope")).toThrow(RangeError);
  });
});
