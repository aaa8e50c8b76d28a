import type { IncomingMessage, ServerResponse } from "node:http";
import { createClock, type FakeClock } from "../clock.js";
import { createFaultQueue, type FaultSwitches, type FaultTarget } from "../faults.js";
import { listenOnLoopback, readBody, sendJson } from "../http/listen.js";
import { type CdnRequest, createCdn, fileEtag } from "./cdn.js";
import {
  type FakeMeeting,
  type FakeRecordingFile,
  type FakeUser,
  generateRecordings,
  type RecordingDataOptions,
} from "./data.js";
import { fileBytes, fileSha256 } from "./file-content.js";
import { createListing, ZoomFakeError } from "./listing.js";
import { renderMeeting } from "./render.js";
import { bearerToken, createTokenStore } from "./tokens.js";

export interface ZoomFakeOptions extends RecordingDataOptions {
  /** The Server-to-Server OAuth app the token endpoint accepts. Defaults are fixed fake values. */
  credentials?: { accountId?: string; clientId?: string; clientSecret?: string };
  /** Lifetime of issued access tokens (`expires_in`). Default 3599, as Zoom's. */
  tokenTtlSeconds?: number;
  /** Lifetime of `next_page_token`s. Default 15 minutes, as Zoom documents. */
  pageTokenTtlMs?: number;
  /** Lifetime of the signed CDN URLs downloads redirect to. Default 3600. */
  signedUrlTtlSeconds?: number;
  /** Answer 429 to API requests beyond this many per second (off by default). */
  rateLimitPerSecond?: number;
  /** Host name in the CDN's URLs (it listens on 127.0.0.1). Default `localhost`. */
  cdnHostname?: string;
  /** The fake's clock; default real time, moved forward with `clock.advance(ms)`. */
  clock?: FakeClock;
}

/** One request the API host answered (`status` 0: the connection was reset). */
export interface RecordedRequest {
  target: Exclude<FaultTarget, "cdn">;
  method: string;
  /** Path and query, with any `access_token` value replaced by `***`. */
  url: string;
  status: number;
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
  credentials: { accountId: string; clientId: string; clientSecret: string };
  faults: FaultSwitches & {
    /** Every token issued so far is expired from now on (the next API call gets 401, code 124). */
    expireTokens(): void;
  };
  clock: FakeClock;
  state: ZoomFakeState;
  /** Issues an access token directly, for tests that pass `auth: token`. */
  issueToken(): string;
  close(): Promise<void>;
}

const MEETING_PATH = /^\/v2\/meetings\/([^/]+)\/recordings(?:\/([^/]+))?(\/status)?$/;

/**
 * Starts a stateful fake of Zoom's Cloud Recording API and its OAuth token endpoint on a free
 * loopback port, with a second loopback host as the CDN downloads redirect to.
 */
export async function startZoomFake(options: ZoomFakeOptions = {}): Promise<ZoomFake> {
  const clock = options.clock ?? createClock();
  const data = generateRecordings(options);
  const credentials = {
    accountId: options.credentials?.accountId ?? "fake-account-id",
    clientId: options.credentials?.clientId ?? "fake-client-id",
    clientSecret: options.credentials?.clientSecret ?? "fake-client-secret",
  };
  const tokenTtl = options.tokenTtlSeconds ?? 3599;
  const tokens = createTokenStore(clock);
  const downloadTokens = createTokenStore(clock);
  const faults = createFaultQueue();
  const requests: RecordedRequest[] = [];
  const cdnRequests: CdnRequest[] = [];
  let issued = 0;
  let trackingId = 0;
  let second = 0;
  let inSecond = 0;

  const allFiles = () =>
    data.meetings.flatMap((meeting) =>
      meeting.files.map((file): ZoomFakeFile => ({ ...file, meeting, etag: fileEtag(file) })),
    );
  const fileByKey = (key: string) => {
    for (const meeting of data.meetings) {
      for (const file of meeting.files) {
        if (file.id.replaceAll("-", "") === key) return { meeting, file };
      }
    }
    return undefined;
  };
  const fileById = (id: string) => allFiles().find((f) => f.id === id);
  const downloadable = (meeting: FakeMeeting, file: FakeRecordingFile) =>
    !meeting.deleted && meeting.trashedAt === undefined && file.trashedAt === undefined;

  const cdn = createCdn({
    clock,
    faults,
    signedUrlTtlSeconds: options.signedUrlTtlSeconds ?? 3600,
    fileByKey: (key) => fileByKey(key)?.file,
    issuedTokens: () => [...tokens.all(), ...downloadTokens.all()],
    record: (request) => cdnRequests.push(request),
  });
  const cdnServer = await listenOnLoopback(
    (req, res) => void cdn.handle(req, res).catch(() => res.destroy()),
    options.cdnHostname ?? "localhost",
  );
  let origin = "";
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

  const zoomHeaders = (): Record<string, string> => ({
    "x-zm-trackingid": `v=2.0;clid=us05;rid=FAKE_${++trackingId}`,
  });
  const zoomError = (
    res: ServerResponse,
    status: number,
    code: number,
    message: string,
    headers = {},
  ) => sendJson(res, status, { code, message }, { ...zoomHeaders(), ...headers });

  function authorize(req: IncomingMessage, url: URL, allowQuery: boolean): void {
    const token =
      bearerToken(req.headers.authorization) ??
      (allowQuery ? (url.searchParams.get("access_token") ?? undefined) : undefined);
    const state = tokens.check(token);
    if (state === "valid") return;
    if (allowQuery) {
      const download = downloadTokens.check(token);
      if (download === "valid") return;
      if (download === "expired") throw new ZoomFakeError(401, 124, "Access token is expired.");
    }
    if (state === "expired") throw new ZoomFakeError(401, 124, "Access token is expired.");
    throw new ZoomFakeError(401, 124, "Invalid access token.");
  }

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

  async function handleToken(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== "POST")
      return sendJson(res, 405, { reason: "Method not allowed", error: "invalid_request" });
    const params = new URLSearchParams(url.search);
    const type = req.headers["content-type"] ?? "";
    const body = (await readBody(req)).toString("utf8");
    if (type.includes("application/x-www-form-urlencoded")) {
      for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
    }
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const [id, secret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
    if (id !== credentials.clientId || secret !== credentials.clientSecret) {
      return sendJson(res, 401, {
        reason: "Invalid client_id or client_secret",
        error: "invalid_client",
      });
    }
    if (params.get("grant_type") !== "account_credentials") {
      return sendJson(res, 400, {
        reason: "Unsupported grant type",
        error: "unsupported_grant_type",
      });
    }
    if (params.get("account_id") !== credentials.accountId) {
      return sendJson(res, 400, { reason: "Invalid account_id", error: "invalid_request" });
    }
    issued++;
    sendJson(res, 200, {
      access_token: tokens.issue(tokenTtl),
      token_type: "bearer",
      expires_in: tokenTtl,
      scope:
        "cloud_recording:read:list_user_recordings:admin cloud_recording:delete:recording_file:admin",
      api_url: origin,
    });
  }

  function rateLimitHeaders(): Record<string, string | number> {
    const limit = options.rateLimitPerSecond;
    if (limit === undefined) return { "x-ratelimit-limit": 30, "x-ratelimit-remaining": 29 };
    return { "x-ratelimit-limit": limit, "x-ratelimit-remaining": Math.max(0, limit - inSecond) };
  }

  function overRateLimit(): boolean {
    const limit = options.rateLimitPerSecond;
    if (limit === undefined) return false;
    const now = Math.floor(Date.now() / 1000);
    if (now !== second) {
      second = now;
      inSecond = 0;
    }
    inSecond++;
    return inSecond > limit;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path.startsWith("/rec/download/")) {
      authorize(req, url, true);
      const found = fileByKey(path.slice("/rec/download/".length));
      if (!found || !downloadable(found.meeting, found.file)) {
        throw new ZoomFakeError(404, 3301, "This recording does not exist.");
      }
      res.writeHead(302, {
        location: `${cdnServer.origin}${cdn.signedPath(found.file)}`,
        "content-length": 0,
      });
      res.end();
      return;
    }
    authorize(req, url, false);
    const list = /^\/v2\/users\/([^/]+)\/recordings$/.exec(path);
    if (list && method === "GET") {
      return sendJson(res, 200, listing(decodeURIComponent(list[1] ?? ""), url.searchParams), {
        ...zoomHeaders(),
        ...rateLimitHeaders(),
      });
    }
    const match = MEETING_PATH.exec(path);
    if (!match) throw new ZoomFakeError(404, 404, "Not found.");
    const meeting = findMeeting(match[1] ?? "");
    const recordingId = match[2] === "status" ? undefined : match[2];
    const isStatus = match[3] !== undefined || match[2] === "status";
    const file =
      recordingId === undefined ? undefined : meeting.files.find((f) => f.id === recordingId);
    if (recordingId !== undefined && !file)
      throw new ZoomFakeError(404, 3301, "This recording does not exist.");

    if (method === "GET" && !isStatus && !file) {
      if (meeting.trashedAt !== undefined)
        throw new ZoomFakeError(404, 3301, "There is no recording for this meeting.");
      const files = meeting.files.filter((f) => f.trashedAt === undefined);
      const body: Record<string, unknown> = renderMeeting(meeting, files, { api: origin });
      if (
        (url.searchParams.get("include_fields") ?? "").split(",").includes("download_access_token")
      ) {
        const ttl = Number(url.searchParams.get("ttl") ?? 86_400);
        if (!Number.isInteger(ttl) || ttl < 0 || ttl > 604_800)
          throw new ZoomFakeError(400, 300, "Invalid field: ttl.");
        body.download_access_token = downloadTokens.issue(ttl, "fake_dat_");
      }
      return sendJson(res, 200, body, zoomHeaders());
    }
    if (method === "DELETE" && !isStatus) {
      const action = url.searchParams.get("action") ?? "trash";
      if (action !== "trash" && action !== "delete")
        throw new ZoomFakeError(400, 300, "Invalid field: action.");
      if (file) {
        if (file.trashedAt !== undefined && action === "trash")
          throw new ZoomFakeError(404, 3301, "This recording does not exist.");
        if (action === "delete") meeting.files = meeting.files.filter((f) => f !== file);
        else file.trashedAt = clock.now();
      } else {
        if (meeting.trashedAt !== undefined && action === "trash")
          throw new ZoomFakeError(404, 3301, "There is no recording for this meeting.");
        if (action === "delete") meeting.deleted = true;
        else meeting.trashedAt = clock.now();
      }
      res.writeHead(204, zoomHeaders()).end();
      return;
    }
    if (method === "PUT" && isStatus) {
      const body = (await readBody(req)).toString("utf8");
      let action: unknown;
      try {
        action = (JSON.parse(body) as { action?: unknown }).action;
      } catch {
        throw new ZoomFakeError(400, 300, "Request body is not JSON.");
      }
      if (action !== "recover") throw new ZoomFakeError(400, 300, "Invalid field: action.");
      const target = file ?? meeting;
      if (target.trashedAt === undefined)
        throw new ZoomFakeError(404, 3301, "There is no recording in the trash.");
      delete target.trashedAt;
      res.writeHead(204, zoomHeaders()).end();
      return;
    }
    throw new ZoomFakeError(405, 405, `${method} is not allowed here.`);
  }

  const api = await listenOnLoopback((req, res) => {
    const url = new URL(req.url ?? "/", "http://api.invalid");
    const target: RecordedRequest["target"] =
      url.pathname === "/oauth/token"
        ? "token"
        : url.pathname.startsWith("/rec/")
          ? "download"
          : "api";
    const redacted = new URL(url);
    if (redacted.searchParams.has("access_token")) redacted.searchParams.set("access_token", "***");
    const entry: RecordedRequest = {
      target,
      method: req.method ?? "GET",
      url: redacted.pathname + redacted.search,
      status: 0,
    };
    res.on("close", () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      requests.push(entry);
    });
    const fault = faults.take(target);
    if (fault?.kind === "reset") return void req.socket.destroy();
    if (fault?.kind === "rateLimit" || (target === "api" && overRateLimit())) {
      const seconds = fault?.kind === "rateLimit" ? fault.retryAfterSeconds : 1;
      return zoomError(
        res,
        429,
        429,
        "You have reached the maximum per-second rate limit for this API. Try again later.",
        {
          "retry-after": seconds,
          "x-ratelimit-type": "QPS",
          ...rateLimitHeaders(),
          "x-ratelimit-remaining": 0,
        },
      );
    }
    if (fault?.kind === "serverError")
      return zoomError(res, fault.status, fault.status, "Internal server error.");
    const run = target === "token" ? handleToken(req, res, url) : handleApi(req, res, url);
    run.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof ZoomFakeError)
        return zoomError(res, error.status, error.code, error.message);
      zoomError(res, 500, 500, "The fake failed; see its test output.");
      console.error(error);
    });
  });
  origin = api.origin;

  return {
    baseUrl: `${origin}/v2`,
    tokenUrl: `${origin}/oauth/token`,
    origin,
    cdnUrl: cdnServer.origin,
    credentials,
    clock,
    faults: {
      ...faults,
      expireTokens: () => {
        tokens.expireAll();
        downloadTokens.expireAll();
      },
    },
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
      requests,
      cdnRequests,
      credentialLeaks: () => cdnRequests.filter((r) => r.authorization || r.leakedToken),
      tokensIssued: () => issued,
    },
    issueToken: () => tokens.issue(tokenTtl),
    async close() {
      await Promise.all([api.close(), cdnServer.close()]);
    },
  };
}
