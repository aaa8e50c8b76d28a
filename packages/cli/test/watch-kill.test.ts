// kill -9 of the built CLI while `watch` downloads an accepted event: nothing accepted is
// lost; the restart drains the queue and archives every file once, with the right sha256.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sendZoomWebhook, startZoomFake } from "@clipkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { capturedEvent } from "./captured-event.js";
import { eventsOf, runCli } from "./run-cli.js";

const SECRET = "wh_secret_token_for_kill_test";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("watch after kill -9", () => {
  it("a restart finishes the event the killed process had accepted", async () => {
    const fake = await startZoomFake({
      meetingsPerUser: 2,
      filesPerMeeting: 3,
      fileSize: 64 * 1024,
    });
    const out = mkdtempSync(join(tmpdir(), "clipkit-watch-kill-"));
    cleanups.push(
      () => fake.close(),
      () => rmSync(out, { recursive: true, force: true }),
    );
    const args = [
      ...["zoom", "recordings", "watch", "--out", out, "--port", "0", "--json"],
      ...["--base-url", fake.baseUrl, "--concurrency", "1"],
    ];
    const env = { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET };
    const meeting = fake.state.meetings[0];
    const event = await capturedEvent(fake, meeting?.uuid ?? "");
    fake.faults.slowBody({ bytesPerSecond: 16 * 1024 });
    let answer = 0;
    const killed = await runCli(args, {
      env,
      onEvent(e, child) {
        if (e.type === "listening") {
          void sendZoomWebhook(e.url, event, SECRET).then((r) => {
            answer = r.status;
          });
        }
        if (e.type === "progress" && e.bytes >= 16 * 1024) child.kill("SIGKILL");
      },
    });
    expect(killed.signal).toBe("SIGKILL");
    expect(answer).toBe(200);
    expect(eventsOf(killed, "done")).toHaveLength(0);
    fake.faults.clear();

    const restarted = await runCli(args, {
      env,
      onEvent(e, child) {
        if (e.type === "event-done") child.kill("SIGTERM");
      },
    });
    expect(restarted.code).toBe(143);
    expect(eventsOf(restarted, "listening")[0]).toMatchObject({ pending: 1 });
    // The killed download resumed from its .part file.
    expect(Math.max(...eventsOf(restarted, "done").map((d) => d.resumedFrom))).toBeGreaterThan(0);
    const entries = readFileSync(join(out, "manifest.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { fileId: string; sha256: string });
    expect(entries.map((e) => e.fileId).sort()).toEqual(
      (meeting?.files ?? []).map((f) => f.id).sort(),
    );
    for (const entry of entries) expect(entry.sha256).toBe(fake.state.sha256(entry.fileId));
  });
});
