import { type Mock, type MockApi, startMock } from "@clipkit/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type DemoFlow, flows } from "../demo/flows.ts";

// The README's main job runs these flows against @clipkit/testing's stateful mocks; here each
// one runs against its own mock and must end as it would against the real API.
const mocks: Mock[] = [];
afterAll(() => Promise.all(mocks.map((mock) => mock.close())));

async function run(spec: MockApi): Promise<string[]> {
  const flow = (flows as readonly DemoFlow<MockApi>[]).find((f) => f.spec === spec);
  if (!flow) throw new Error(`no demo flow for ${spec}`);
  const mock = await startMock(spec, { mode: "stateful", fake: flow.fake });
  mocks.push(mock);
  const lines: string[] = [];
  await flow.run(mock, (line) => lines.push(line));
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

  it("recordings: one request per calendar month over a quarter, distinct meetings", async () => {
    const lines = await run("zoom-cloud-recording");
    expect(lines.filter((line) => line.startsWith("GET /users/me/recordings"))).toEqual([
      "GET /users/me/recordings from=2024-07-01 to=2024-07-31",
      "GET /users/me/recordings from=2024-08-01 to=2024-08-31",
      "GET /users/me/recordings from=2024-09-01 to=2024-09-30",
    ]);
    const meetings = lines.filter((line) => line.startsWith("meeting "));
    expect(meetings).toHaveLength(6);
    expect(new Set(meetings.map((line) => line.split(" ")[1])).size).toBe(6);
    expect(lines.at(-1)).toBe("6 meetings from 3 requests (one per calendar month at most)");
  });

  it("clips: every clip across pages, a transfer that succeeds and moves the clip", async () => {
    const lines = await run("zoom-clips");
    expect(lines).toContain("34 clips listed over 2 pages");
    expect(lines.filter((line) => /^task task_\w+: IN_PROCESS$/.test(line))).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^transfer task_\w+ finished: SUCCESS$/));
    const owner = /owned by (\w+),/.exec(lines.find((l) => l.startsWith("get ")) ?? "")?.[1];
    const newOwner = /now owned by (\w+)$/.exec(lines.at(-1) ?? "")?.[1];
    expect(newOwner).toBeDefined();
    expect(newOwner).not.toBe(owner);
  });

  it("uplynk: creates a signed draft, lists it and waits for its clip", async () => {
    const lines = await run("uplynk-clipping");
    expect(lines[0]).toMatch(/^created draft [0-9a-f]{32} .* signed with msg\/sig$/);
    expect(lines).toContain("1 draft");
    expect(lines.at(-1)).toMatch(
      /^clip [0-9a-f]{32} made from draft [0-9a-f]{32}: done, asset [0-9a-f]{32}$/,
    );
  });
});
