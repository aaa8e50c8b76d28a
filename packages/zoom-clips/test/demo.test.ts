import { expect, inject, it } from "vitest";
import { zoomClipsFlow } from "../../../scripts/demo/zoom-clips.ts";

it("the demo flow lists, reads, transfers and waits against Prism, one line each", async () => {
  const lines: string[] = [];
  await zoomClipsFlow.run(inject("prismUrl"), (line) => lines.push(line));
  expect(zoomClipsFlow.spec).toBe("zoom-clips");
  expect(lines[0]).toBe(
    'clip A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ "clips test title" RECORD_SUCCESS, 6000 s, tags testTag',
  );
  expect(lines).toContain("stopped after 2 clip(s): the mock repeats its next_page_token");
  expect(
    lines.some((line) =>
      line.startsWith('get A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ: "clips test title"'),
    ),
  ).toBe(true);
  expect(lines).toContain("transfer started: task task_id_123");
  expect(lines).toContain("task task_id_123: FAILED");
  expect(lines.at(-1)).toMatch(
    /^transfer failed as the mock's example says: Clip transfer task task_id_123 failed/,
  );
});
