// The fake's side of Zoom's webhooks: when a recording completes, POST a signed
// `recording.completed` (with a download_token the download URLs accept for 24 hours of the
// fake's clock) to the subscribed URL, and retry like Zoom: after 5, 20 and 60 minutes when the
// answer is 5xx, late (over 3 s) or missing; never after 2xx, 3xx or 4xx (Zoom's "Using
// webhooks" page, specs/sources/published/zoom-webhooks.using-webhooks.md).
import type { FakeClock } from "../clock.js";
import { signZoomWebhook } from "../zoom-webhooks/sign.js";

/** Zoom's retry schedule, each delay counted from the attempt before. */
export const ZOOM_RETRY_DELAYS_MS = [5, 20, 60].map((minutes) => minutes * 60_000);
/** Zoom counts an answer after 3 seconds as not delivered. */
export const ZOOM_ANSWER_TIMEOUT_MS = 3_000;
/** A download_token is valid for 24 hours. */
export const DOWNLOAD_TOKEN_TTL_SECONDS = 24 * 3600;

export interface WebhookAttempt {
  event: string;
  /** The event's identity: its `event_ts` and the meeting's UUID. */
  eventTs: number;
  meetingUuid: string;
  /** 1 for the first delivery, 2..4 for Zoom's three retries. */
  attempt: number;
  /** Fake-clock ms of the attempt. */
  at: number;
  /** The receiver's status, when it answered in time. */
  status?: number;
  /** Why there was no status in time (refused connection, timeout). */
  error?: string;
}

interface Pending {
  body: string;
  eventTs: number;
  meetingUuid: string;
  attemptsMade: number;
  dueAt: number;
}

export interface WebhookSender {
  subscribe(url: string, secret: string): void;
  /** Sends an event now (attempt 1) and schedules Zoom's retries if it is not delivered. */
  send(event: { event: string; event_ts: number }, meetingUuid: string): Promise<WebhookAttempt>;
  /** Sends every retry due at the fake clock's now, in order. */
  deliverDue(): Promise<WebhookAttempt[]>;
  attempts: WebhookAttempt[];
}

const retried = (attempt: WebhookAttempt) => attempt.status === undefined || attempt.status >= 500;

export function createWebhookSender(clock: FakeClock): WebhookSender {
  let subscription: { url: string; secret: string } | undefined;
  const attempts: WebhookAttempt[] = [];
  const pending: Pending[] = [];

  async function attempt(item: Pending): Promise<WebhookAttempt> {
    if (!subscription) throw new Error("no webhook subscription: call webhooks.subscribe first");
    const event = (JSON.parse(item.body) as { event: string }).event;
    item.attemptsMade += 1;
    const record: WebhookAttempt = {
      event,
      eventTs: item.eventTs,
      meetingUuid: item.meetingUuid,
      attempt: item.attemptsMade,
      at: clock.now(),
    };
    // Signed at each attempt with the fake clock's time, as Zoom signs each delivery anew.
    const signed = signZoomWebhook(item.body, subscription.secret, {
      timestamp: Math.floor(clock.now() / 1000),
    });
    try {
      const response = await fetch(subscription.url, {
        method: "POST",
        headers: { "user-agent": "Zoom Marketplace/1.0a", ...signed.headers },
        body: signed.body as Uint8Array<ArrayBuffer>,
        redirect: "manual",
        signal: AbortSignal.timeout(ZOOM_ANSWER_TIMEOUT_MS),
      });
      await response.body?.cancel();
      record.status = response.status;
    } catch (error) {
      record.error = error instanceof Error ? error.name : String(error);
    }
    attempts.push(record);
    const delay = ZOOM_RETRY_DELAYS_MS[item.attemptsMade - 1];
    if (retried(record) && delay !== undefined) {
      pending.push({ ...item, dueAt: clock.now() + delay });
    }
    return record;
  }

  return {
    attempts,
    subscribe(url, secret) {
      subscription = { url, secret };
    },
    send(event, meetingUuid) {
      return attempt({
        body: JSON.stringify(event),
        eventTs: event.event_ts,
        meetingUuid,
        attemptsMade: 0,
        dueAt: clock.now(),
      });
    },
    async deliverDue() {
      const due = pending
        .filter((item) => item.dueAt <= clock.now())
        .sort((a, b) => a.dueAt - b.dueAt);
      const done: WebhookAttempt[] = [];
      for (const item of due) {
        pending.splice(pending.indexOf(item), 1);
        done.push(await attempt(item));
      }
      return done;
    },
  };
}
