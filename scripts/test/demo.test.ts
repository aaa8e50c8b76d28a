import { fileURLToPath } from "node:url";
import { type PrismServer, startPrism } from "@clipkit/contract-harness";
import { afterAll, describe, expect, it } from "vitest";
import { flows } from "../demo/flows.ts";

// The README's main job runs these flows against Prism; here each one runs against its own
// mock and its printed lines are checked against the specs' examples.
const servers: PrismServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.stop())));

async function run(spec: string): Promise<string[]> {
  const flow = flows.find((f) => f.spec === spec);
  if (!flow) throw new Error(`no demo flow for ${spec}`);
  const prism = await startPrism({
    spec: fileURLToPath(new URL(`../../specs/${spec}.yaml`, import.meta.url)),
  });
  servers.push(prism);
  const lines: string[] = [];
  await flow.run(prism.url, (line) => lines.push(line));
  return lines;
}

describe("demo flows", () => {
  it("covers every API spec", () => {
    expect(flows.map((f) => f.spec).sort()).toEqual([
      "uplynk-clipping",
      "zoom-clips",
      "zoom-cloud-recording",
    ]);
  });

  it("recordings: one request per calendar month over a quarter", async () => {
    const lines = await run("zoom-cloud-recording");
    expect(lines.filter((line) => line.startsWith("GET /users/me/recordings"))).toEqual([
      "GET /users/me/recordings from=2019-07-01 to=2019-07-31",
      "GET /users/me/recordings from=2019-08-01 to=2019-08-31",
      "GET /users/me/recordings from=2019-09-01 to=2019-09-30",
    ]);
    expect(lines).toContain(
      'meeting 1000000000000 "MyTestPollMeeting" at 2019-08-29T21:54:49Z: M4A:audio_only, TIMELINE:-, MP4:shared_screen_with_speaker_view',
    );
  });

  it("clips: lists, reads, transfers and waits, one line each", async () => {
    const lines = await run("zoom-clips");
    expect(lines[0]).toBe(
      'clip A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ "clips test title" RECORD_SUCCESS, 6000 s, tags testTag',
    );
    expect(lines).toContain("stopped after 2 clip(s): the mock repeats its next_page_token");
    expect(lines).toContain("transfer started: task task_id_123");
    expect(lines).toContain("task task_id_123: FAILED");
    expect(lines.at(-1)).toMatch(
      /^transfer failed as the mock's example says: Clip transfer task task_id_123 failed/,
    );
  });

  it("uplynk: creates a signed draft, lists drafts and reads the clip", async () => {
    const lines = await run("uplynk-clipping");
    expect(lines[0]).toMatch(
      /^created draft abc0123def456ghi789klmno0123pqrs .* signed with msg\/sig$/,
    );
    expect(lines).toContain("2 drafts");
    expect(lines.at(-1)).toBe(
      "clip info e1fc7c4987ce4b6f96dc561993479666: asset still being created",
    );
  });
});
