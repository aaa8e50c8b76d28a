import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createClock, type FakeClock } from "../clock.js";
import type { FakeUser } from "../fake-account.js";
import type { FaultSwitches } from "../faults.js";
import { fileBytes, fileSha256 } from "../file-content.js";
import { readBody, sendJson } from "../http/listen.js";
import { type Cursor, createPageTokens } from "../page-tokens.js";
import { isoSeconds, lastDayOfMonthWindow } from "../zoom/calendar-window.js";
import type { CdnRequest } from "../zoom/cdn.js";
import type { ZoomAppCredentials } from "../zoom/oauth.js";
import { createUserListing } from "../zoom/user-listing.js";
import { ZoomFakeError } from "../zoom/zoom-error.js";
import {
  type RecordedRequest,
  startZoomHosts,
  type ZoomHostOptions,
  type ZoomRouteContext,
} from "../zoom/zoom-hosts.js";
import { type ClipDataOptions, type FakeClip, generateClips } from "./clip-data.js";
import {
  createUploadRoutes,
  DEFAULT_UPLOAD_RULES,
  type FakeUpload,
  type UploadedFile,
  type UploadRules,
} from "./upload-routes.js";

export interface ZoomClipsFakeOptions extends ClipDataOptions, ZoomHostOptions {
  /** Lifetime of `next_page_token`s. Default 15 minutes. */
  pageTokenTtlMs?: number;
  /** Polls a transfer task answers `IN_PROCESS` before it ends. Default 2. */
  transferPolls?: number;
  /** How transfer tasks end. Default `SUCCESS` (ownership moves then). */
  transferOutcome?: "SUCCESS" | "FAILED";
  /** The documented upload limits (5 MB minimum part, 100 MB maximum, 100 parts, 2 GB single). */
  uploadRules?: Partial<UploadRules>;
  /**
   * Keep uploaded bytes (default true). False: only count and hash them as they stream in, for
   * benchmarks of gigabytes; such clips have `size` and `sha256` but no `bytes`.
   */
  keepUploadBytes?: boolean;
  /**
   * The file API wants a token, as Zoom's does (default true). False: it takes uploads without
   * one, standing in for the other host a redirect sends an upload to.
   */
  uploadsNeedToken?: boolean;
}

export interface FakeTransfer {
  id: string;
  sourceId: string;
  targetId: string;
  type: "PARTIAL_TRANSFER" | "FULL_TRANSFER";
  clipIds: string[];
  pollsLeft: number;
  status: "IN_PROCESS" | "SUCCESS" | "FAILED";
}

export interface ZoomClipsFakeState {
  accountId: string;
  users: FakeUser[];
  /** The live clips: uploads, updates, deletes and transfers change them. */
  clips: FakeClip[];
  transfers: Map<string, FakeTransfer>;
  uploads: Map<string, FakeUpload>;
  /** The most multipart part uploads seen in flight at once (a test may reset it to 0). */
  maxActiveParts: number;
  /** Adds a ready clip owned by `me` with these bytes (e.g. one a test downloads). */
  addClip(clip: { bytes: Buffer; id?: string; title?: string }): FakeClip;
  clipBytes(clipId: string): Buffer;
  sha256(clipId: string): string;
  requests: RecordedRequest[];
  cdnRequests: CdnRequest[];
  credentialLeaks(): CdnRequest[];
  tokensIssued(): number;
}

export interface ZoomClipsFake {
  /** `http://127.0.0.1:<port>/v2` */
  baseUrl: string;
  /** `http://127.0.0.1:<port>/fileapi/v2`: uploads (Zoom's `fileapi.zoom.us`). */
  fileBaseUrl: string;
  tokenUrl: string;
  origin: string;
  cdnUrl: string;
  credentials: ZoomAppCredentials;
  faults: FaultSwitches & { expireTokens(): void };
  clock: FakeClock;
  state: ZoomClipsFakeState;
  issueToken(): string;
  close(): Promise<void>;
}

interface ClipCursor extends Cursor<string> {}

const DAY_MS = 86_400_000;

/** Zoom's rule for `from`..`to`: at most a month (its end as the recordings listing has it). */
function checkRange(from: string | null, to: string | null) {
  if (from === null || to === null) return;
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new ZoomFakeError(400, 300, "Invalid field: from or to.");
  }
  if (end < start) throw new ZoomFakeError(400, 300, "The from date must be before the to date.");
  const firstDay = start - (start % DAY_MS);
  if (end >= lastDayOfMonthWindow(firstDay) + DAY_MS) {
    throw new ZoomFakeError(400, 300, "The date range can be at most one month.");
  }
}

/**
 * Starts a stateful fake of the Zoom Clips API: listings that page with real tokens, the
 * account's users (`GET /users`, `GET /users/{userId}`, as the recordings fake), clip
 * updates and deletes, transfers that finish after a few polls, single and multipart uploads
 * assembled and checked byte for byte, and downloads that redirect to a CDN host.
 */
export async function startZoomClipsFake(
  options: ZoomClipsFakeOptions = {},
): Promise<ZoomClipsFake> {
  const clock = options.clock ?? createClock();
  const data = generateClips(options);
  const rules: UploadRules = { ...DEFAULT_UPLOAD_RULES, ...options.uploadRules };
  const transfers = new Map<string, FakeTransfer>();
  const uploads = new Map<string, FakeUpload>();
  const pageTokens = createPageTokens<ClipCursor>(clock, options.pageTokenTtlMs ?? 15 * 60_000);
  // The Users API of the same account, as the recordings fake serves it: `--all-users`.
  const userListing = createUserListing({
    users: data.users,
    accountId: data.accountId,
    clock,
    pageTokenTtlMs: options.pageTokenTtlMs ?? 15 * 60_000,
  });
  // Stryker disable next-line StringLiteral: set from the hosts below before any request can
  // render a clip.
  let origin = "";

  const findUser = (id: string) =>
    id === "me"
      ? data.users[0]
      : data.users.find((u) => u.id === id || u.email.toLowerCase() === id.toLowerCase());
  const live = () => data.clips.filter((c) => c.status !== "RECORD_DELETE");
  const findClip = (id: string) => {
    const clip = live().find((c) => c.id === id);
    if (!clip) throw new ZoomFakeError(404, 2000, `Clip does not exist: ${id}.`);
    return clip;
  };
  const render = (clip: FakeClip) => ({
    clip_id: clip.id,
    title: clip.title,
    description: clip.description,
    duration: clip.duration,
    status: clip.status,
    owner_id: clip.ownerId,
    file_size: clip.size,
    share_link: `${origin}/clips/share/${clip.id}`,
    share_link_settings: { enable_passcode: false, share_scope: "SAME_ORGANIZATON" },
    thumbnail_link: `${origin}/clips/thumbnail/${clip.id}.jpg`,
    created_date: clip.created,
    modified_date: clip.modified,
    tags: clip.tags,
  });
  const bytesOf = (clip: FakeClip) => clip.bytes ?? fileBytes(clip.contentOffset, clip.size);
  const addClip = (
    file: { size: number; bytes?: Buffer },
    title: string,
    id?: string,
  ): FakeClip => {
    const now = isoSeconds(clock.now());
    const clip: FakeClip = {
      // 16 bytes are 22 base64url characters, the length of Zoom's clip IDs.
      id: id ?? randomBytes(16).toString("base64url"),
      title,
      description: "",
      duration: Math.max(1, Math.round(file.size / 250_000)),
      status: "RECORD_SUCCESS",
      ownerId: data.users[0]?.id ?? "",
      size: file.size,
      created: now,
      modified: now,
      tags: [],
      contentOffset: 0,
      ...(file.bytes ? { bytes: file.bytes } : {}),
    };
    data.clips.push(clip);
    return clip;
  };
  const addUpload = (file: UploadedFile): string => {
    const clip = addClip(file, file.fileName ?? "Uploaded clip");
    clip.uploadedVia = file.via;
    if (!file.bytes) clip.sha256 = file.sha256;
    return clip.id;
  };

  function list(query: URLSearchParams, accountId?: string): Record<string, unknown> {
    if (accountId !== undefined && accountId !== data.accountId && accountId !== "me") {
      throw new ZoomFakeError(403, 1003, "No permission to operate");
    }
    const token = query.get("next_page_token");
    let cursor: ClipCursor | undefined;
    if (token) {
      cursor = pageTokens.resume(token);
      if (!cursor) throw new ZoomFakeError(400, 300, "Pagination Error");
    } else {
      const userId = query.get("user_id");
      const owner = userId === null ? undefined : findUser(userId);
      if (userId !== null && !owner)
        throw new ZoomFakeError(400, 300, `User ${userId} does not exist.`);
      const search = query.get("search_key")?.toLowerCase();
      const status = query.get("status");
      const onCreated = query.get("date_filter_type") === "CREATED_DATE";
      const from = query.get("from");
      const to = query.get("to");
      checkRange(from, to);
      const matched = live()
        .filter((c) => !owner || c.ownerId === owner.id)
        .filter((c) => !search || c.title.toLowerCase().includes(search))
        .filter((c) => !status || c.status === status)
        .filter((c) => {
          const at = onCreated ? c.created : c.modified;
          return (!from || at >= from) && (!to || at <= to);
        })
        .sort((a, b) => b.modified.localeCompare(a.modified));
      const pageSize = Number(query.get("page_size") ?? 30);
      // Zoom's published Clips document: 30 to 300.
      if (!Number.isInteger(pageSize) || pageSize < 30 || pageSize > 300) {
        throw new ZoomFakeError(400, 300, "Pagination Error");
      }
      cursor = { ids: matched.map((c) => c.id), offset: 0, pageSize };
    }
    const page = pageTokens.page(cursor);
    return {
      data: page.ids
        .map((id) => live().find((c) => c.id === id))
        .filter((c): c is FakeClip => c !== undefined)
        .map(render),
      next_page_token: page.next,
      page_size: cursor.pageSize,
      total_records: cursor.ids.length,
    };
  }

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    try {
      const body = JSON.parse((await readBody(req)).toString("utf8"));
      if (typeof body === "object" && body !== null) return body;
    } catch {}
    throw new ZoomFakeError(400, 300, "The request body is not a JSON object.");
  }

  function startTransfer(body: Record<string, unknown>): FakeTransfer {
    const source = findUser(String(body.source_owner_user_id ?? ""));
    const target = findUser(String(body.target_owner_user_id ?? ""));
    const type = body.transfer_type;
    if (!source || !target || (type !== "PARTIAL_TRANSFER" && type !== "FULL_TRANSFER")) {
      throw new ZoomFakeError(400, 10003, "Invalidated field value.");
    }
    const list = Array.isArray(body.clip_id_list) ? body.clip_id_list.map(String) : undefined;
    if (type === "PARTIAL_TRANSFER" && (!list || list.length === 0)) {
      throw new ZoomFakeError(400, 10001, "Missing field.");
    }
    if (list && list.length > 50) {
      throw new ZoomFakeError(
        400,
        10004,
        "When transfer type is PARTIAL_TRANSFER, clip_id_list limit size is 50.",
      );
    }
    const busy = [...transfers.values()].some(
      (t) => t.status === "IN_PROCESS" && (t.sourceId === source.id || t.targetId === target.id),
    );
    if (busy)
      throw new ZoomFakeError(
        400,
        30001,
        "Source user and target user have processing transfer task.",
      );
    const clips =
      type === "FULL_TRANSFER"
        ? live().filter((c) => c.ownerId === source.id)
        : live().filter((c) => list?.includes(c.id));
    if (type === "PARTIAL_TRANSFER" && clips.length === 0) {
      throw new ZoomFakeError(400, 10002, "Can not found any clip by clip_id_list");
    }
    if (clips.some((c) => c.ownerId !== source.id))
      throw new ZoomFakeError(400, 20002, "Clips not belong sourceOwner.");
    const task: FakeTransfer = {
      id: `task_${randomBytes(8).toString("hex")}`,
      sourceId: source.id,
      targetId: target.id,
      type,
      clipIds: clips.map((c) => c.id),
      pollsLeft: options.transferPolls ?? 2,
      status: "IN_PROCESS",
    };
    transfers.set(task.id, task);
    return task;
  }

  function pollTransfer(task: FakeTransfer) {
    if (task.status === "IN_PROCESS") {
      if (task.pollsLeft > 0) task.pollsLeft--;
      else {
        task.status = options.transferOutcome ?? "SUCCESS";
        if (task.status === "SUCCESS") {
          for (const clip of live())
            if (task.clipIds.includes(clip.id)) clip.ownerId = task.targetId;
        }
      }
    }
    return {
      status: task.status,
      transfer_type: task.type,
      source_owner_user_id: task.sourceId,
      target_owner_user_id: task.targetId,
      ...(task.type === "PARTIAL_TRANSFER" ? { clip_id_list: task.clipIds } : {}),
    };
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    ctx: ZoomRouteContext,
    entry: RecordedRequest,
  ) {
    const upload = url.pathname.startsWith("/fileapi/");
    if (!upload || options.uploadsNeedToken !== false) ctx.authorize(req, url);
    const method = req.method ?? "GET";
    const path = url.pathname;
    const json = (status: number, body: unknown) => sendJson(res, status, body, ctx.headers());
    const noContent = () => void res.writeHead(204, ctx.headers()).end();

    if (path.startsWith("/fileapi/v2/")) {
      if (await uploadRoutes.handle(req, res, path.slice("/fileapi/v2".length), entry, json))
        return;
      throw new ZoomFakeError(404, 404, "Not found.");
    }

    const v2 = path.startsWith("/v2/") ? path.slice(3) : undefined;
    if (v2 === undefined) throw new ZoomFakeError(404, 404, "Not found.");
    if (method === "GET" && v2 === "/clips") return json(200, list(url.searchParams));
    if (method === "GET" && v2 === "/users") return json(200, userListing.list(url.searchParams));
    const user = /^\/users\/([^/]+)$/.exec(v2);
    if (method === "GET" && user) {
      return json(200, userListing.get(decodeURIComponent(user[1] ?? "")));
    }
    const account = /^\/accounts\/([^/]+)\/clips$/.exec(v2);
    if (method === "GET" && account)
      return json(200, list(url.searchParams, decodeURIComponent(account[1] ?? "")));
    if (method === "POST" && v2 === "/clips/transfers") {
      return json(201, { task_id: startTransfer(await readJson(req)).id });
    }
    const task = /^\/clips\/transfers\/([^/]+)$/.exec(v2);
    if (method === "GET" && task) {
      const found = transfers.get(decodeURIComponent(task[1] ?? ""));
      if (!found)
        throw new ZoomFakeError(
          404,
          10002,
          "Can not found any async task by taskId and accountId.",
        );
      return json(200, pollTransfer(found));
    }
    const download = /^\/clips\/([^/]+)\/download$/.exec(v2);
    if (method === "GET" && download) {
      const clip = live().find((c) => c.id === decodeURIComponent(download[1] ?? ""));
      if (!clip) throw new ZoomFakeError(404, 10002, "clip not found or not ready");
      if (clip.status !== "RECORD_SUCCESS")
        throw new ZoomFakeError(400, 50002, "clip mp4 is not ready");
      res.writeHead(302, {
        location: ctx.cdnUrlOf({ key: clip.id.replace(/[^A-Za-z0-9]/g, ""), extension: "mp4" }),
        "content-length": 0,
      });
      res.end();
      return;
    }
    const one = /^\/clips\/([^/]+)$/.exec(v2);
    if (one) {
      const clip = findClip(decodeURIComponent(one[1] ?? ""));
      if (method === "GET") return json(200, render(clip));
      if (method === "PATCH") {
        const body = await readJson(req);
        if (typeof body.title === "string") clip.title = body.title;
        if (typeof body.description === "string") clip.description = body.description;
        if (Array.isArray(body.tags)) clip.tags = body.tags.map(String);
        clip.modified = isoSeconds(clock.now());
        return noContent();
      }
      if (method === "DELETE") {
        clip.status = "RECORD_DELETE";
        return noContent();
      }
    }
    throw new ZoomFakeError(404, 404, "Not found.");
  }

  const activeParts = { now: 0, max: 0 };
  let uploadRoutes: ReturnType<typeof createUploadRoutes>;
  const hosts = await startZoomHosts(
    "zoom-clips",
    { ...options, clock },
    (key) => {
      const clip = live().find((c) => c.id.replace(/[^A-Za-z0-9]/g, "") === key);
      return (
        clip && {
          key,
          size: clip.size,
          contentType: "video/mp4",
          extension: "mp4",
          modified: clip.modified,
          contentOffset: clip.contentOffset,
          ...(clip.bytes ? { bytes: clip.bytes } : {}),
        }
      );
    },
    route,
  );
  origin = hosts.origin;
  uploadRoutes = createUploadRoutes({
    rules,
    keepBytes: options.keepUploadBytes ?? true,
    clock,
    faults: hosts.faultQueue,
    uploads,
    addClip: addUpload,
    activeParts,
  });
  const clipById = (id: string) => {
    const clip = data.clips.find((c) => c.id === id);
    if (!clip) throw new RangeError(`no clip ${id}`);
    return clip;
  };

  return {
    baseUrl: `${origin}/v2`,
    fileBaseUrl: `${origin}/fileapi/v2`,
    tokenUrl: `${origin}/oauth/token`,
    origin,
    cdnUrl: hosts.cdnUrl,
    credentials: hosts.credentials,
    clock,
    faults: hosts.faults,
    state: {
      accountId: data.accountId,
      users: data.users,
      clips: data.clips,
      transfers,
      uploads,
      get maxActiveParts() {
        return activeParts.max;
      },
      set maxActiveParts(value: number) {
        activeParts.max = value;
      },
      addClip: ({ bytes, id, title }) =>
        addClip({ size: bytes.length, bytes }, title ?? "Clip", id),
      clipBytes: (id) => bytesOf(clipById(id)),
      sha256(id) {
        const clip = clipById(id);
        if (clip.sha256) return clip.sha256;
        return clip.bytes
          ? createHash("sha256").update(clip.bytes).digest("hex")
          : fileSha256(clip.contentOffset, clip.size);
      },
      requests: hosts.requests,
      cdnRequests: hosts.cdnRequests,
      credentialLeaks: hosts.credentialLeaks,
      tokensIssued: hosts.tokensIssued,
    },
    issueToken: hosts.issueToken,
    close: hosts.close,
  };
}
