import type { IncomingMessage, ServerResponse } from "node:http";
import { createClock, type FakeClock } from "../clock.js";
import type { FaultSwitches } from "../faults.js";
import { fileBytes, fileSha256 } from "../file-content.js";
import { readBody, sendJson } from "../http/listen.js";
import { type CdnRequest, fileEtag } from "../zoom/cdn.js";
import type { ZoomAppCredentials } from "../zoom/oauth.js";
import { createUserListing } from "../zoom/user-listing.js";
import { ZoomFakeError } from "../zoom/zoom-error.js";
import {
  type RecordedRequest,
  startZoomHosts,
  type ZoomHostOptions,
  type ZoomRouteContext,
} from "../zoom/zoom-hosts.js";
import {
  type FakeMeeting,
  type FakeRecordingFile,
  type FakeUser,
  generateRecordings,
  type RecordingDataOptions,
} from "./data.js";
import { createListing } from "./listing.js";
import { renderMeeting } from "./render.js";
import {
  createWebhookSender,
  DOWNLOAD_TOKEN_TTL_SECONDS,
  type WebhookAttempt,
} from "./webhook-delivery.js";

export interface ZoomFakeOptions extends RecordingDataOptions, ZoomHostOptions {
  /** Lifetime of `next_page_token`s. Default 15 minutes, as Zoom documents. */
  pageTokenTtlMs?: number;
}

export interface ZoomFakeFile extends FakeRecordingFile {
  meeting: FakeMeeting;
  etag: string;
}

export interface ZoomFakeState {
  accountId: string;
  users: FakeUser[];
  /** The live meetings: trash, recover and delete change them. */
  meetings: FakeMeeting[];
  /** Every file, trashed or not. */
  files(): ZoomFakeFile[];
  file(fileId: string): ZoomFakeFile | undefined;
  /** A file's whole content (the same bytes the CDN serves). */
  fileBytes(fileId: string): Buffer;
  sha256(fileId: string): string;
  /** Requests to the API host (token endpoint, API, download URLs), in order. */
  requests: RecordedRequest[];
  /** Requests to the CDN host, in order. */
  cdnRequests: CdnRequest[];
  /** CDN requests that carried an `Authorization` header or a token: should stay empty. */
  credentialLeaks(): CdnRequest[];
  /** Access tokens issued so far (by the token endpoint or `issueToken`). */
  tokensIssued(): number;
}

export interface ZoomFake {
  /** `http://127.0.0.1:<port>/v2`: the client's `baseUrl`. */
  baseUrl: string;
  /** `http://127.0.0.1:<port>/oauth/token`: `serverToServerOAuth({ tokenUrl })`. */
  tokenUrl: string;
  /** `http://127.0.0.1:<port>`: the API host, which also serves `download_url`s (trust it). */
  origin: string;
  /** `http://localhost:<port>`: the CDN host download URLs redirect to. */
  cdnUrl: string;
  credentials: ZoomAppCredentials;
  faults: FaultSwitches & {
    /** Every token issued so far is expired from now on (the next API call gets 401, code 124). */
    expireTokens(): void;
  };
  clock: FakeClock;
  state: ZoomFakeState;
  /** Issues an access token directly, for tests that pass `auth: token`. */
  issueToken(): string;
  /** Zoom's webhooks: `recording.completed` to a subscribed URL, with Zoom's retries. */
  webhooks: ZoomFakeWebhooks;
  close(): Promise<void>;
}

export interface ZoomFakeWebhooks {
  /** Where events go, and the secret token they are signed with. */
  subscribe(url: string, secret: string): void;
  /**
   * The meeting's recording completes now: sends `recording.completed` (with a download_token
   * the download URLs accept for 24 hours of the fake's clock) and returns the first attempt.
   * A 5xx, a late answer (3 s) or none is retried after 5, 20 and 60 minutes of the fake clock.
   */
  completeRecording(meetingUuid: string): Promise<WebhookAttempt>;
  /** Sends the retries due at the fake clock's now (after `clock.advance`). */
  deliverDue(): Promise<WebhookAttempt[]>;
  /** Every attempt so far, in order. */
  attempts: WebhookAttempt[];
}

const MEETING_PATH = /^\/v2\/meetings\/([^/]+)\/recordings(?:\/([^/]+))?(\/status)?$/;
const keyOf = (file: FakeRecordingFile) => file.id.replaceAll("-", "");

/**
 * Starts a stateful fake of Zoom's Cloud Recording API and its OAuth token endpoint on a free
 * loopback port, with a second loopback host as the CDN downloads redirect to.
 */
export async function startZoomFake(options: ZoomFakeOptions = {}): Promise<ZoomFake> {
  const data = generateRecordings(options);
  let origin = "";
  const clock = options.clock ?? createClock();

  const fakeFile = (meeting: FakeMeeting, file: FakeRecordingFile): ZoomFakeFile => ({
    ...file,
    meeting,
    etag: fileEtag({ key: keyOf(file), size: file.size }),
  });
  const allFiles = () =>
    data.meetings.flatMap((meeting) => meeting.files.map((file) => fakeFile(meeting, file)));
  // Every download looks a file up twice (the API host, then the CDN), and a test may ask for
  // each file's hash: a scan of a 500-user account's 30,000 files per lookup made the fake, not
  // the client, the bottleneck of a scale run.
  const byKey = new Map<string, { meeting: FakeMeeting; file: FakeRecordingFile }>();
  const byId = new Map<string, { meeting: FakeMeeting; file: FakeRecordingFile }>();
  for (const meeting of data.meetings) {
    for (const file of meeting.files) {
      byKey.set(keyOf(file), { meeting, file });
      byId.set(file.id, { meeting, file });
    }
  }
  // A file deleted for good has left its meeting's list.
  const live = (found: { meeting: FakeMeeting; file: FakeRecordingFile } | undefined) =>
    found?.meeting.files.includes(found.file) ? found : undefined;
  const fileByKey = (key: string) => live(byKey.get(key));
  const fileById = (id: string) => {
    const found = live(byId.get(id));
    return found && fakeFile(found.meeting, found.file);
  };
  const downloadable = (meeting: FakeMeeting, file: FakeRecordingFile) =>
    !meeting.deleted && meeting.trashedAt === undefined && file.trashedAt === undefined;

  /** A path segment that names a meeting: its number or its UUID, double-encoded when Zoom says so. */
  function findMeeting(segment: string): FakeMeeting {
    let value = decodeURIComponent(segment);
    const doubleEncoded = /%[0-9A-Fa-f]{2}/.test(value);
    if (doubleEncoded) value = decodeURIComponent(value);
    const needsDouble = value.startsWith("/") || value.includes("//");
    const meeting =
      needsDouble && !doubleEncoded
        ? undefined
        : /^\d+$/.test(value)
          ? data.meetings.filter((m) => m.id === Number(value) && !m.deleted).at(-1)
          : data.meetings.find((m) => m.uuid === value && !m.deleted);
    if (!meeting) throw new ZoomFakeError(404, 3301, "There is no recording for this meeting.");
    return meeting;
  }

  const listing = createListing({
    users: data.users,
    meetings: data.meetings,
    clock,
    pageTokenTtlMs: options.pageTokenTtlMs ?? 15 * 60_000,
    origins: {
      get api() {
        return origin;
      },
    },
  });

  const userListing = createUserListing({
    users: data.users,
    accountId: data.accountId,
    clock,
    pageTokenTtlMs: options.pageTokenTtlMs ?? 15 * 60_000,
  });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ZoomRouteContext) {
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path.startsWith("/rec/download/")) {
      ctx.authorize(req, url, true);
      const found = fileByKey(path.slice("/rec/download/".length));
      if (!found || !downloadable(found.meeting, found.file)) {
        throw new ZoomFakeError(404, 3301, "This recording does not exist.");
      }
      const location = ctx.cdnUrlOf({
        key: keyOf(found.file),
        extension: found.file.fileExtension,
      });
      res.writeHead(302, { location, "content-length": 0 }).end();
      return;
    }
    ctx.authorize(req, url);
    const list = /^\/v2\/users\/([^/]+)\/recordings$/.exec(path);
    if (list && method === "GET") {
      const page = listing(decodeURIComponent(list[1] ?? ""), url.searchParams);
      return sendJson(res, 200, page, ctx.headers());
    }
    if (path === "/v2/users" && method === "GET") {
      return sendJson(res, 200, userListing.list(url.searchParams), ctx.headers());
    }
    const user = /^\/v2\/users\/([^/]+)$/.exec(path);
    if (user && method === "GET") {
      return sendJson(res, 200, userListing.get(decodeURIComponent(user[1] ?? "")), ctx.headers());
    }
    const match = MEETING_PATH.exec(path);
    if (!match) throw new ZoomFakeError(404, 404, "Not found.");
    const meeting = findMeeting(match[1] ?? "");
    const recordingId = match[2] === "status" ? undefined : match[2];
    const isStatus = match[3] !== undefined || match[2] === "status";
    const file =
      recordingId === undefined ? undefined : meeting.files.find((f) => f.id === recordingId);
    if (recordingId !== undefined && !file) {
      throw new ZoomFakeError(404, 3301, "This recording does not exist.");
    }

    if (method === "GET" && !isStatus && !file) {
      if (meeting.trashedAt !== undefined) {
        throw new ZoomFakeError(404, 3301, "There is no recording for this meeting.");
      }
      const files = meeting.files.filter((f) => f.trashedAt === undefined);
      const body: Record<string, unknown> = renderMeeting(meeting, files, { api: origin });
      const fields = (url.searchParams.get("include_fields") ?? "").split(",");
      if (fields.includes("download_access_token")) {
        const ttl = Number(url.searchParams.get("ttl") ?? 86_400);
        if (!Number.isInteger(ttl) || ttl < 0 || ttl > 604_800) {
          throw new ZoomFakeError(400, 300, "Invalid field: ttl.");
        }
        body.download_access_token = ctx.downloadTokens.issue(ttl, "fake_dat_");
      }
      return sendJson(res, 200, body, ctx.headers());
    }
    if (method === "DELETE" && !isStatus) {
      const action = url.searchParams.get("action") ?? "trash";
      if (action !== "trash" && action !== "delete") {
        throw new ZoomFakeError(400, 300, "Invalid field: action.");
      }
      const target = file ?? meeting;
      if (target.trashedAt !== undefined && action === "trash") {
        throw new ZoomFakeError(404, 3301, "There is no recording for this meeting.");
      }
      if (action === "trash") target.trashedAt = ctx.clock.now();
      else if (file) meeting.files = meeting.files.filter((f) => f !== file);
      else meeting.deleted = true;
      res.writeHead(204, ctx.headers()).end();
      return;
    }
    if (method === "PUT" && isStatus) {
      let action: unknown;
      try {
        action = (JSON.parse((await readBody(req)).toString("utf8")) as { action?: unknown })
          .action;
      } catch {
        throw new ZoomFakeError(400, 300, "Request body is not JSON.");
      }
      if (action !== "recover") throw new ZoomFakeError(400, 300, "Invalid field: action.");
      const target = file ?? meeting;
      if (target.trashedAt === undefined) {
        throw new ZoomFakeError(404, 3301, "There is no recording in the trash.");
      }
      delete target.trashedAt;
      res.writeHead(204, ctx.headers()).end();
      return;
    }
    throw new ZoomFakeError(405, 405, `${method} is not allowed here.`);
  }

  const hosts = await startZoomHosts(
    "zoom-cloud-recording",
    { ...options, clock },
    (key) => {
      const file = fileByKey(key)?.file;
      return (
        file && {
          key,
          size: file.size,
          contentType: file.contentType,
          extension: file.fileExtension,
          modified: file.recordingEnd,
          contentOffset: file.contentOffset,
        }
      );
    },
    route,
  );
  origin = hosts.origin;
  const sender = createWebhookSender(hosts.clock);
  const webhooks: ZoomFakeWebhooks = {
    subscribe: sender.subscribe,
    deliverDue: sender.deliverDue,
    attempts: sender.attempts,
    completeRecording(meetingUuid) {
      const meeting = data.meetings.find((m) => m.uuid === meetingUuid && !m.deleted);
      if (!meeting) throw new RangeError(`no meeting ${meetingUuid}`);
      const files = meeting.files.filter((f) => f.trashedAt === undefined);
      const event = {
        event: "recording.completed",
        event_ts: hosts.clock.now(),
        payload: {
          account_id: data.accountId,
          object: {
            ...renderMeeting(meeting, files, { api: origin }),
            password: meeting.passcode,
            host_email: data.users.find((u) => u.id === meeting.hostId)?.email ?? "",
          },
        },
        download_token: hosts.issueDownloadToken(DOWNLOAD_TOKEN_TTL_SECONDS),
      };
      return sender.send(event, meeting.uuid);
    },
  };

  return {
    baseUrl: `${origin}/v2`,
    tokenUrl: `${origin}/oauth/token`,
    origin,
    cdnUrl: hosts.cdnUrl,
    credentials: hosts.credentials,
    clock: hosts.clock,
    faults: hosts.faults,
    state: {
      accountId: data.accountId,
      users: data.users,
      meetings: data.meetings,
      files: allFiles,
      file: fileById,
      fileBytes(fileId) {
        const file = fileById(fileId);
        if (!file) throw new RangeError(`no file ${fileId}`);
        return fileBytes(file.contentOffset, file.size);
      },
      sha256(fileId) {
        const file = fileById(fileId);
        if (!file) throw new RangeError(`no file ${fileId}`);
        return fileSha256(file.contentOffset, file.size);
      },
      requests: hosts.requests,
      cdnRequests: hosts.cdnRequests,
      credentialLeaks: hosts.credentialLeaks,
      tokensIssued: hosts.tokensIssued,
    },
    issueToken: hosts.issueToken,
    webhooks,
    close: hosts.close,
  };
}

export type { RecordedRequest };
