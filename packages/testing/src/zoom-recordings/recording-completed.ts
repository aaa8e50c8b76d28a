import { sendZoomWebhook } from "../zoom-webhooks/sign.js";
import type { FakeMeeting } from "./data.js";
import { type Origins, renderMeeting } from "./render.js";

/** How long a `download_token` in a recording.completed event is good for, as Zoom says. */
export const DOWNLOAD_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/** Zoom's redelivery schedule for an event that got no 2xx: after 5, 20 and 60 minutes. */
export const ZOOM_RETRY_DELAYS_MS = [5 * 60_000, 20 * 60_000, 60 * 60_000];

/**
 * The `recording.completed` event Zoom sends for a meeting whose files are ready: the meeting
 * as the listing renders it, its host's email, and a `download_token` the fake's download URLs
 * accept as `Authorization: Bearer` for 24 hours of the fake's clock.
 */
export function recordingCompletedEvent(
  meeting: FakeMeeting,
  hostEmail: string,
  downloadToken: string,
  origins: Origins,
  eventTs: number,
): Record<string, unknown> {
  const files = meeting.files.filter((f) => f.trashedAt === undefined);
  return {
    event: "recording.completed",
    event_ts: eventTs,
    download_token: downloadToken,
    payload: {
      account_id: meeting.accountId,
      object: {
        ...renderMeeting(meeting, files, origins),
        host_email: hostEmail,
        password: meeting.passcode,
      },
    },
  };
}

export interface DeliveryOptions {
  /** Waits between attempts; default Zoom's (5, 20, 60 minutes): tests pass shorter ones. */
  retryDelaysMs?: number[];
  fetch?: typeof fetch;
}

/**
 * POSTs a signed event as Zoom does: once, then again after each delay while the answer is no
 * 2xx (a 5xx, a refusal or no answer). Resolves with every attempt's status (0: no answer).
 */
export async function deliverLikeZoom(
  url: string | URL,
  event: object,
  secret: string,
  options: DeliveryOptions = {},
): Promise<number[]> {
  const statuses: number[] = [];
  const delays = options.retryDelaysMs ?? ZOOM_RETRY_DELAYS_MS;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
    const status = await sendZoomWebhook(url, event, secret, options).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    statuses.push(status);
    if (status >= 200 && status < 300) break;
  }
  return statuses;
}
