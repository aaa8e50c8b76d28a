// `clipkit zoom recordings watch`, in-process against the Zoom fake: URL validation, signed
// recording.completed events archived with their download_token, refusals that download
// nothing, redeliveries that download nothing twice, and a stop that keeps what is queued.
import { createHmac } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sendZoomWebhook, startZoomFake } from "@clipkit/testing";
import { operationInfo as recordingOperations } from "@clipkit/zoom-cloud-recording";
import { afterEach, describe, expect, it } from "vitest";
import type { ArchiveEvent } from "../src/archive/events.js";
import { capturedEvent } from "./captured-event.js";
import { credentialsEnv, eventsOf } from "./run-cli.js";
import { runInProcess } from "./run-in-process.js";

const SECRET = "wh_secret_token_for_tests";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(grantedScopes?: string[]) {
  const fake = await startZoomFake({
    users: 2,
    from: "2024-05-01",
    to: "2024-05-31",
    meetingsPerUser: 3,
    filesPerMeeting: 3,
    fileSize: { min: 8 * 1024, max: 24 * 1024 },
    ...(grantedScopes ? { grantedScopes } : {}),
  });
  const out = mkdtempSync(join(tmpdir(), "clipkit-watch-"));
  cleanups.push(
    () => fake.close(),
    () => rmSync(out, { recursive: true, force: true }),
  );
  const args = (...more: string[]) => [
    ...["zoom", "recordings", "watch", "--out", out, "--port", "0", "--json"],
    ...["--base-url", fake.baseUrl, "--token-url", fake.tokenUrl, ...more],
  ];
  return { fake, out, args };
}

const manifest = (out: string) =>
  readFileSync(join(out, "manifest.jsonl"), "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { fileId: string; sha256: string; user: string });

type Until = (test: (events: ArchiveEvent[]) => boolean) => Promise<void>;

/** Runs watch; once it listens, `script` runs; then the run is stopped with `signal`. */
async function watching(
  args: string[],
  env: Record<string, string>,
  script: (url: string, until: Until) => Promise<void>,
  signal: "SIGINT" | "SIGTERM" = "SIGINT",
) {
  const seen: ArchiveEvent[] = [];
  const waiters: Array<{ test: (events: ArchiveEvent[]) => boolean; resolve: () => void }> = [];
  const until: Until = (test) =>
    test(seen) ? Promise.resolve() : new Promise((resolve) => waiters.push({ test, resolve }));
  let scripted: Promise<void> | undefined;
  let failure: unknown;
  const run = await runInProcess(args, {
    env,
    onEvent(event, control) {
      seen.push(event);
      for (const waiter of waiters.filter((w) => w.test(seen))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (event.type === "listening" && !scripted) {
        scripted = script(event.url, until)
          .catch((error) => {
            failure = error;
          })
          .finally(() => control.interrupt(signal));
      }
    },
  });
  await scripted;
  if (failure) throw failure;
  return run;
}

const count = (type: ArchiveEvent["type"], n: number) => (events: ArchiveEvent[]) =>
  events.filter((e) => e.type === type).length >= n;

describe("clipkit zoom recordings watch", () => {
  it("answers URL validation; archives signed recording.completed events with their download_token; refuses tampered, stale and unsigned ones; a redelivery downloads nothing twice", async () => {
    const { fake, out, args } = await setup();
    const meetings = fake.state.meetings.slice(0, 3);
    const events: object[] = [];
    for (const m of meetings) events.push(await capturedEvent(fake, m.uuid));
    const answers: Record<string, number> = {};
    let slowest = 0;
    const run = await watching(
      args(),
      { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET },
      async (url, until) => {
        const plainToken = "qgg8vlvZRS6UYooatFL8Aw";
        const validation = await sendZoomWebhook(
          url,
          {
            event: "endpoint.url_validation",
            payload: { plainToken },
            event_ts: 1_700_000_000_000,
          },
          SECRET,
        );
        answers.validation = validation.status;
        expect(await validation.json()).toEqual({
          plainToken,
          encryptedToken: createHmac("sha256", SECRET).update(plainToken).digest("hex"),
        });
        for (const event of events) {
          const started = Date.now();
          expect((await sendZoomWebhook(url, event, SECRET)).status).toBe(200);
          slowest = Math.max(slowest, Date.now() - started);
        }
        const other = await capturedEvent(fake, fake.state.meetings[3]?.uuid ?? "");
        const body = JSON.stringify(other);
        const stamp = String(Math.floor(Date.now() / 1000));
        const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${stamp}:${body}`).digest("hex")}`;
        const post = (text: string, headers: Record<string, string>) =>
          fetch(url, {
            method: "POST",
            body: text,
            headers: { "content-type": "application/json", ...headers },
          });
        answers.tampered = (
          await post(body.replace('"event_ts":', '"event_ts":1'), {
            "x-zm-request-timestamp": stamp,
            "x-zm-signature": signature,
          })
        ).status;
        answers.stale = (
          await sendZoomWebhook(url, other, SECRET, {
            timestamp: Math.floor(Date.now() / 1000) - 600,
          })
        ).status;
        answers.unsigned = (await post(body, {})).status;
        await until(count("event-done", 3));
        // The fake delivers one itself, as Zoom would (signed on its clock, 3 s to answer).
        fake.webhooks.subscribe(url, SECRET);
        const delivered = await fake.webhooks.completeRecording(fake.state.meetings[4]?.uuid ?? "");
        answers.delivered = delivered.status ?? 0;
        await until(count("event-done", 4));
        // Zoom redelivers the first event (as if our answer was lost): 200, nothing downloaded.
        answers.redelivery = (await sendZoomWebhook(url, events[0] as object, SECRET)).status;
      },
    );
    expect(answers).toEqual({
      validation: 200,
      tampered: 401,
      stale: 401,
      unsigned: 401,
      delivered: 200,
      redelivery: 200,
    });
    // The answer never waits for the downloads.
    expect(slowest).toBeLessThan(3000);
    expect(run.code).toBe(130);
    const wanted = [...meetings, fake.state.meetings[4]]
      .flatMap((m) => m?.files.map((f) => f.id) ?? [])
      .sort();
    const entries = manifest(out);
    expect(entries.map((e) => e.fileId).sort()).toEqual(wanted);
    for (const entry of entries) expect(entry.sha256).toBe(fake.state.sha256(entry.fileId));
    expect(eventsOf(run, "start")).toHaveLength(wanted.length);
    expect(eventsOf(run, "accepted")).toHaveLength(4);
    expect(
      eventsOf(run, "refused")
        .map((e) => e.reason)
        .sort(),
    ).toEqual(["bad_signature", "missing_header", "stale"]);
    // The refused meeting's files were never asked for; no credential reached the CDN.
    const refusedFiles = new Set(fake.state.meetings[3]?.files.map((f) => f.id));
    expect(entries.some((e) => refusedFiles.has(e.fileId))).toBe(false);
    expect(fake.state.credentialLeaks()).toEqual([]);
    expect(readdirSync(join(out, ".clipkit-events", "done"))).toHaveLength(4);
    expect(readdirSync(join(out, ".clipkit-events", "pending"))).toHaveLength(0);
    // No API credentials were given: no token was ever asked for.
    expect(fake.state.tokensIssued()).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    for (const event of events) {
      expect(run.stdout + run.stderr).not.toContain(
        (event as { download_token: string }).download_token,
      );
    }
  });

  it("an event whose download_token expired falls back to the API credentials; without them it is kept as failed", async () => {
    const { fake, out, args } = await setup();
    const event = await capturedEvent(fake, fake.state.meetings[0]?.uuid ?? "");
    fake.clock.advance(24 * 60 * 60_000 + 1000);
    const withoutApi = await watching(
      args(),
      { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET },
      async (url, until) => {
        expect((await sendZoomWebhook(url, event, SECRET)).status).toBe(200);
        await until(count("event-failed", 1));
      },
    );
    expect(eventsOf(withoutApi, "event-failed")).toHaveLength(1);
    expect(readdirSync(join(out, ".clipkit-events", "failed"))).toHaveLength(1);

    const event2 = await capturedEvent(fake, fake.state.meetings[1]?.uuid ?? "");
    fake.clock.advance(24 * 60 * 60_000 + 1000);
    const env = { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, ...credentialsEnv(fake) };
    const withApi = await watching(args(), env, async (url, until) => {
      expect((await sendZoomWebhook(url, event2, SECRET)).status).toBe(200);
      await until(count("event-done", 1));
    });
    expect(eventsOf(withApi, "listening")[0]).toMatchObject({ failedKept: 1 });
    expect(eventsOf(withApi, "done")).toHaveLength(3);
    expect(
      manifest(out)
        .map((e) => e.fileId)
        .sort(),
    ).toEqual((fake.state.meetings[1]?.files ?? []).map((f) => f.id).sort());
    expect(fake.state.credentialLeaks()).toEqual([]);
  });

  it("SIGTERM stops accepting, parks in-flight work and exits 143 with a resume hint; the restart finishes the queued event", async () => {
    const { fake, out, args } = await setup();
    const event = await capturedEvent(fake, fake.state.meetings[0]?.uuid ?? "");
    fake.faults.slowBody({ bytesPerSecond: 4 * 1024 });
    let url = "";
    const first = await watching(
      args("--concurrency", "1"),
      { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET },
      async (receiver, until) => {
        url = receiver;
        expect((await sendZoomWebhook(receiver, event, SECRET)).status).toBe(200);
        await until(count("start", 1));
      },
      "SIGTERM",
    );
    expect(first.code).toBe(143);
    expect(first.stderr).toContain("to go on, run again:");
    expect(readdirSync(join(out, ".clipkit-events", "pending"))).toHaveLength(1);
    // Stopped: the port no longer answers.
    await expect(fetch(url, { method: "POST", body: "{}" })).rejects.toThrow();
    fake.faults.clear();
    const second = await watching(
      args(),
      { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET },
      async (_url, until) => {
        await until(count("event-done", 1));
      },
    );
    expect(eventsOf(second, "listening")[0]).toMatchObject({ pending: 1 });
    const entries = manifest(out);
    expect(entries.map((e) => e.fileId).sort()).toEqual(
      (fake.state.meetings[0]?.files ?? []).map((f) => f.id).sort(),
    );
    for (const entry of entries) expect(entry.sha256).toBe(fake.state.sha256(entry.fileId));
  });

  it("--trash-after trashes a meeting once every file of its event is verified", async () => {
    const { fake, out, args } = await setup();
    const meeting = fake.state.meetings[2];
    const event = await capturedEvent(fake, meeting?.uuid ?? "");
    const env = { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, ...credentialsEnv(fake) };
    const run = await watching(args("--trash-after"), env, async (url, until) => {
      expect((await sendZoomWebhook(url, event, SECRET)).status).toBe(200);
      await until(count("event-done", 1));
    });
    expect(eventsOf(run, "trashed")).toEqual([
      { type: "trashed", meetingUuid: meeting?.uuid, topic: meeting?.topic, files: 3 },
    ]);
    expect(meeting?.trashedAt).toBeDefined();
    expect(manifest(out)).toHaveLength(3);
    const statuses = readFileSync(join(out, "manifest.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { status: string }).status);
    expect(statuses.filter((s) => s === "trashed")).toHaveLength(3);
  });

  it("--trash-after with a token that may not trash: one line, exit 1, nothing listens", async () => {
    const list = recordingOperations["GET /users/{userId}/recordings"].scopes.granular;
    const { fake, args } = await setup([...list]);
    const env = { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, ...credentialsEnv(fake) };
    const run = await runInProcess(args("--trash-after"), { env });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("do not allow DELETE /meetings/{meetingId}/recordings");
    expect(eventsOf(run, "listening")).toEqual([]);
  });

  it.each([
    ["no secret token", [], {}, /no webhook secret token: set ZOOM_WEBHOOK_SECRET_TOKEN/],
    [
      "--trash-after without API credentials",
      ["--trash-after"],
      { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET },
      /--trash-after needs API credentials/,
    ],
    [
      "a port out of range",
      ["--port", "70000"],
      { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET },
      /expected a port number from 0 to 65535/,
    ],
    [
      "a path without a slash",
      ["--path", "events"],
      { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET },
      /expected a path such as \/zoom\/events/,
    ],
  ])("%s: exit 2, one line", async (_, more, env, want) => {
    const { args } = await setup();
    const run = await runInProcess(args(...(more as string[])), { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(want);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
