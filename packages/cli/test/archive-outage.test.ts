// An outage mid-run: the CDN refuses every file. The run stops after FAILED_IN_A_ROW files in a
// row fail, says why and how to resume, and exits 1, instead of trying each of the account's
// files in turn.
import { afterAll, expect, it } from "vitest";
import { FAILED_IN_A_ROW } from "../src/archive/failure-streak.js";
import { archiveFixture, type Cleanups } from "./archive-fixture.js";
import { eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const cleanups: Cleanups = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it(`stops after ${FAILED_IN_A_ROW} files in a row fail, exit 1, with the way to resume; a re-run once the host is back archives the rest`, async () => {
  const { fake, args, env } = await archiveFixture(cleanups, "clipkit-outage-", {
    meetingsPerUser: 8,
    filesPerMeeting: 3,
    fileSize: 1024,
  });
  // Not retried (so the test is quick), and the same for every file, as an outage is.
  fake.faults.serverError({ on: "cdn", status: 403, count: 1_000_000 });
  const concurrency = 2;
  const first = await runInProcess(args("--concurrency", String(concurrency), "--json"), { env });
  expect(first.code).toBe(1);
  const starts = eventsOf(first, "start").length;
  expect(eventsOf(first, "failed")).toHaveLength(starts);
  expect(starts).toBeGreaterThanOrEqual(FAILED_IN_A_ROW);
  expect(starts).toBeLessThanOrEqual(FAILED_IN_A_ROW + concurrency - 1);
  expect(eventsOf(first, "summary")[0]).toMatchObject({ interrupted: true, failed: starts });
  expect(first.stderr).toContain(`Stopped: ${FAILED_IN_A_ROW} files in a row failed`);
  expect(first.stderr).toContain("403");
  expect(first.stderr).toMatch(/run again:\n {2}clipkit zoom recordings archive /);

  fake.faults.clear();
  const second = await runInProcess(args("--concurrency", String(concurrency), "--json"), { env });
  expect(second.code).toBe(0);
  expect(eventsOf(second, "done")).toHaveLength(24);
});
