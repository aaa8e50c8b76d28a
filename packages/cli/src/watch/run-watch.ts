import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AuthenticationError, type AuthProvider, toAuthProvider, unwrap } from "@clipkit/core";
import type { ZoomCloudRecordingClient } from "@clipkit/zoom-cloud-recording";
import {
  createZoomWebhookHandler,
  type DedupeStore,
  eventKey,
  type ZoomWebhookHandler,
} from "@clipkit/zoom-webhooks";
import { toNodeListener } from "@clipkit/zoom-webhooks/node";
import { fileArchiver } from "../archive/archive-file.js";
import type { Emit } from "../archive/events.js";
import { openManifest } from "../archive/manifest.js";
import type { PlannedFile } from "../archive/plan.js";
import { recordingDownloads } from "../archive/recording-source.js";
import { eachConcurrently } from "../archive/worker-pool.js";
import { describeError } from "../errors.js";
import { eventFiles, type RecordingCompletedBody } from "./event-files.js";
import { openEventQueue, type QueuedEvent } from "./event-queue.js";

export interface WatchOptions {
  out: string;
  host: string;
  port: number;
  /** The one path Zoom posts to; anything else is 404. */
  path: string;
  /** The webhook app's secret token(s). */
  webhookSecrets: string[];
  /** API credentials, when given: for `--trash-after` and for events whose token expired. */
  api?: { auth: AuthProvider; client: ZoomCloudRecordingClient };
  /** Origins besides Zoom's https hosts that may receive a credential (`--base-url`'s). */
  trustedOrigins: string[];
  trashAfter: boolean;
  concurrency: number;
  maxRetries: number;
  signal: AbortSignal;
  /** Credentials no event may show. */
  secrets: Iterable<string>;
  emit: Emit;
}

export interface WatchResult {
  failed: number;
}

/**
 * Receives Zoom's webhooks and archives each recording.completed: an accepted event is on
 * disk before Zoom gets its 200 (so the answer never waits on a download, and a kill loses
 * nothing); a worker downloads its files with the event's download_token into the layout and
 * manifest `archive` uses. Returns when `signal` aborts: in-flight events stay queued.
 */
export async function runWatch(options: WatchOptions): Promise<WatchResult> {
  const { emit, signal, out } = options;
  const started = Date.now();
  const manifest = await openManifest(out);
  const queue = await openEventQueue(out);
  const archiver = fileArchiver<PlannedFile>({ ...options, manifest });
  const downloads = (auth: AuthProvider) => recordingDownloads({ ...options, auth });
  const apiDownloads = options.api && downloads(options.api.auth);
  const counts = { downloaded: 0, downloadedBytes: 0, verified: 0, skipped: 0, failed: 0 };
  let trashed = 0;

  const work: QueuedEvent[] = await queue.pending();
  let wake: (() => void) | undefined;

  // Zoom redelivers an event whose answer was late or lost: accepted once, across restarts.
  const claimed = new Set<string>();
  const dedupe: DedupeStore = {
    async claim(key) {
      if (claimed.has(key) || (await queue.has(key))) return false;
      claimed.add(key);
      return true;
    },
    release(key) {
      claimed.delete(key);
    },
  };
  const handler = createZoomWebhookHandler({
    secret: options.webhookSecrets,
    dedupe,
    async enqueue(event) {
      if (!event.known || event.event !== "recording.completed") return;
      const body = event.body as RecordingCompletedBody;
      const { meeting, files } = eventFiles(body);
      const key = await eventKey(event, new Uint8Array());
      await queue.add(key, body);
      work.push({ key, receivedAt: new Date().toISOString(), body });
      emit({
        type: "accepted",
        meetingUuid: meeting.uuid,
        topic: meeting.topic ?? "",
        files: files.length,
      });
      wake?.();
    },
    onError(error) {
      emit({ type: "refused", status: 500, reason: describeError(error, options.secrets) });
    },
  });
  const observed = (async (request: Request) => {
    const response = await handler(request);
    if (response.status >= 400 && response.status !== 500) {
      const reason = await response
        .clone()
        .json()
        .then(
          (b: { error?: string }) => b.error ?? "refused",
          () => "refused",
        );
      emit({ type: "refused", status: response.status, reason });
    }
    return response;
  }) as ZoomWebhookHandler;
  const listener = toNodeListener(observed);
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://receiver.invalid");
    if (pathname !== options.path) {
      res.writeHead(404).end();
      return;
    }
    listener(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  emit({
    type: "listening",
    url: `http://${host}:${port}${options.path}`,
    pending: work.length,
    failedKept: await queue.countFailed(),
  });

  const isExpired = (error: unknown) =>
    error instanceof AuthenticationError ||
    (error instanceof Error && error.cause instanceof AuthenticationError);

  async function archiveFile(item: PlannedFile, token: string | undefined) {
    let result: Awaited<ReturnType<typeof archiver.archive>>;
    if (token) {
      try {
        result = await archiver.archive(item, downloads(toAuthProvider(token)));
      } catch (error) {
        // A download_token lasts 24 hours: an older event falls back to the API's credentials.
        if (!isExpired(error) || !apiDownloads) throw error;
        result = await archiver.archive(item, apiDownloads);
      }
    } else if (apiDownloads) result = await archiver.archive(item, apiDownloads);
    else throw new Error("the event has no download_token and no API credentials were given");
    if (result.verifiedOnly) counts.verified++;
    else {
      counts.downloaded++;
      counts.downloadedBytes += result.entry.size - result.resumedFrom;
    }
  }

  async function handle(event: QueuedEvent): Promise<void> {
    const body = event.body as RecordingCompletedBody;
    let planned: ReturnType<typeof eventFiles>;
    try {
      planned = eventFiles(body);
    } catch (error) {
      counts.failed++;
      await queue.failed(event.key, describeError(error, options.secrets));
      return;
    }
    const { meeting, files, notReady } = planned;
    const about = { meetingUuid: meeting.uuid, topic: meeting.topic ?? "" };
    const problems: string[] = notReady.map((f) => `file ${f.id} is ${f.status}`);
    for (const file of notReady) {
      emit({ type: "not-ready", ...about, fileId: file.id, status: file.status });
    }
    const todo: PlannedFile[] = [];
    for (const item of files) {
      if (await archiver.isArchived(item)) counts.skipped++;
      else todo.push(item);
    }
    await eachConcurrently(
      todo,
      options.concurrency,
      () => signal.aborted,
      async (item) => {
        try {
          await archiveFile(item, body.download_token);
        } catch (error) {
          if (signal.aborted) return;
          const message = describeError(error, options.secrets);
          counts.failed++;
          problems.push(`${item.path}: ${message}`);
          emit({ type: "failed", fileId: item.id, path: item.path, error: message });
        }
      },
    );
    if (signal.aborted) return; // stays in pending/: the next run resumes it
    if (problems.length === 0 && options.trashAfter && options.api) {
      try {
        await unwrap(
          options.api.client.DELETE("/meetings/{meetingId}/recordings", {
            params: { path: { meetingId: meeting.uuid }, query: { action: "trash" } },
            signal,
          }),
        );
        trashed++;
        // As `archive` records it: the files are kept here, and their meeting is in Zoom's trash.
        for (const item of files) {
          const entry = manifest.entries.get(item.id);
          if (entry)
            await manifest.record({ ...entry, status: "trashed", at: new Date().toISOString() });
        }
        emit({ type: "trashed", ...about, files: files.length });
      } catch (error) {
        if (signal.aborted) return;
        problems.push(`trash: ${describeError(error, options.secrets)}`);
      }
    }
    if (problems.length > 0) {
      await queue.failed(event.key, problems.join("; "));
      emit({ type: "event-failed", ...about, error: problems.join("; ") });
      return;
    }
    await queue.done(event.key);
    emit({ type: "event-done", ...about, files: files.length });
  }

  const stopped = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
  try {
    while (!signal.aborted) {
      const event = work.shift();
      if (event) {
        await handle(event).catch((error) => {
          // A queue that cannot be written (disk full): said, and the event stays pending.
          counts.failed++;
          emit({ type: "refused", status: 500, reason: describeError(error, options.secrets) });
        });
        continue;
      }
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stopped]);
      wake = undefined;
    }
  } finally {
    // Stop accepting first; requests already being answered finish (their events are queued).
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    // One line per file again: the appended lines of this run (verified, then trashed) fold.
    await manifest.compact();
  }
  emit({
    type: "summary",
    ...counts,
    trashed,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    interrupted: true,
    dryRun: false,
  });
  return { failed: counts.failed };
}
