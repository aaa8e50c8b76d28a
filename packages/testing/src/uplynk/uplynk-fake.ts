import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createClock, type FakeClock } from "../clock.js";
import { createFaultQueue, type FaultSwitches } from "../faults.js";
import { listenOnLoopback, readBody, sendJson } from "../http/listen.js";
import { createRequestValidator } from "../spec/request-validator.js";
import { specGate } from "../spec/spec-gate.js";
import { loadSpec } from "../spec/specs.js";
import { verifyUplynkSignature } from "./signature.js";

export interface UplynkFakeOptions {
  /** The account the signatures must be made for. Defaults are fixed fake values. */
  owner?: string;
  apiKey?: string;
  /** Polls of a draft's clip (`GET /clip/draft_info…`) before it is complete. Default 2. */
  clipPolls?: number;
  /** Largest clock difference a signature may have, in seconds. Default 300. */
  maxSkewSeconds?: number;
  clock?: FakeClock;
  /** Answer what the spec forbids with Prism's 422 (default false: Uplynk's 400). */
  validateRequests?: boolean;
}

export interface FakeDraft {
  id: string;
  beam: string;
  title: string;
  created: string;
  frameStart: number;
  frameStop: number;
  clip: { id: string; asset: string; pollsLeft: number };
}

export interface UplynkRequest {
  method: string;
  /** The path, without the signature. */
  path: string;
  status: number;
}

export interface UplynkFake {
  /** `http://127.0.0.1:<port>/api/v4` */
  baseUrl: string;
  owner: string;
  apiKey: string;
  clock: FakeClock;
  faults: FaultSwitches;
  state: { drafts: FakeDraft[]; requests: UplynkRequest[] };
  close(): Promise<void>;
}

const BASE = "/api/v4";
const hex32 = () => randomBytes(16).toString("hex");

/** Seconds into the asset: ms offsets as given, wall-clock times from the top of their hour. */
function frames(body: Record<string, unknown>): { start: number; stop: number } {
  const fromTime = (value: unknown) => {
    const ms = Date.parse(String(value));
    return (ms % 3_600_000) / 1000;
  };
  const start = typeof body.start === "number" ? body.start / 1000 : fromTime(body.start_time);
  const stop =
    typeof body.duration === "number"
      ? start + body.duration
      : typeof body.stop === "number"
        ? body.stop / 1000
        : fromTime(body.stop_time);
  return { start, stop };
}

/**
 * Starts a stateful fake of Uplynk's clipping API v4: every request's `msg`/`sig` verified,
 * drafts kept, and each draft's clip complete (with an asset) after a few polls.
 */
export async function startUplynkFake(options: UplynkFakeOptions = {}): Promise<UplynkFake> {
  const owner = options.owner ?? "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  const apiKey = options.apiKey ?? "fake-uplynk-api-key";
  const clock = options.clock ?? createClock();
  const faults = createFaultQueue();
  const drafts: FakeDraft[] = [];
  const requests: UplynkRequest[] = [];
  const checkCreate = createRequestValidator(loadSpec("uplynk-clipping"));

  const renderDraft = (d: FakeDraft) => ({
    "@id": `${BASE}/clipping_draft/${d.id}`,
    "@type": "ClippingDraft",
    id: d.id,
    beam: d.beam,
    title: d.title,
    created: d.created,
    frame_start_time: d.frameStart,
    frame_stop_time: d.frameStop,
  });
  /** A poll: each read of a clip brings it one step closer to complete. */
  const pollClip = (d: FakeDraft) => {
    if (d.clip.pollsLeft > 0) d.clip.pollsLeft--;
    else if (!d.clip.asset) d.clip.asset = hex32();
    return {
      "@id": `/clip/draft_info/${d.clip.id}`,
      "@type": "Clip",
      id: d.clip.id,
      draft_id: d.id,
      asset: d.clip.asset,
      is_complete: d.clip.asset !== "",
    };
  };
  const fail = (res: ServerResponse, status: number, error: string, message: string) =>
    sendJson(res, status, { error, message });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = req.method ?? "GET";
    const verdict = verifyUplynkSignature(
      url.searchParams,
      { owner, apiKey },
      clock.now(),
      options.maxSkewSeconds,
    );
    if (!verdict.ok) {
      return fail(
        res,
        verdict.status,
        verdict.status === 401 ? "Unauthorized" : "Forbidden",
        verdict.message,
      );
    }
    const path = url.pathname.slice(BASE.length);
    if (path === "/clipping_draft" && method === "POST") {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse((await readBody(req)).toString("utf8"));
      } catch {
        return fail(res, 400, "Bad Request", "The request could not be parsed.");
      }
      const { violations } = checkCreate("POST", path, new URLSearchParams(), {}, body);
      if (violations.length > 0) {
        return fail(res, 400, "Bad Request", violations.map((v) => v.message).join("; "));
      }
      const { start, stop } = frames(body);
      if (!(stop > start))
        return fail(res, 400, "Bad Request", "The clip must stop after it starts.");
      const draft: FakeDraft = {
        id: hex32(),
        beam: String(body.beam),
        title: typeof body.title === "string" ? body.title : "",
        created: new Date(clock.now()).toISOString().replace("Z", "000Z"),
        frameStart: start,
        frameStop: stop,
        clip: { id: hex32(), asset: "", pollsLeft: options.clipPolls ?? 2 },
      };
      drafts.push(draft);
      return sendJson(res, 200, {
        "@id": `${BASE}/clipping_draft/${draft.id}`,
        "@type": "ClippingDraft",
        id: draft.id,
      });
    }
    if (path === "/clipping_draft" && method === "GET") {
      return sendJson(res, 200, {
        "@id": `${BASE}/clipping_draft`,
        "@type": "Collection",
        items: drafts.map(renderDraft),
        total_items: drafts.length,
      });
    }
    const draftMatch = /^\/clipping_draft\/([^/]+)$/.exec(path);
    if (draftMatch) {
      const draft = drafts.find((d) => d.id === decodeURIComponent(draftMatch[1] ?? ""));
      if (!draft) return fail(res, 404, "Not Found", "No draft clip with this ID.");
      if (method === "GET") return sendJson(res, 200, renderDraft(draft));
      if (method === "DELETE") {
        drafts.splice(drafts.indexOf(draft), 1);
        return sendJson(res, 200, {
          message: "Deleted",
          "@id": `${BASE}/clipping_draft/${draft.id}`,
          "@type": "ClippingDraft",
        });
      }
    }
    if (path === "/clip/draft_info" && method === "GET") {
      const draftId = url.searchParams.get("draft_id");
      const items = drafts
        .filter((d) => !draftId || d.id === draftId)
        .slice(-1000)
        .map(pollClip);
      return sendJson(res, 200, {
        "@id": "/clip/draft_info",
        "@type": "Collection",
        items,
        total_items: items.length,
      });
    }
    const clipMatch = /^\/clip\/draft_info\/([^/]+)$/.exec(path);
    if (clipMatch && method === "GET") {
      const draft = drafts.find((d) => d.clip.id === decodeURIComponent(clipMatch[1] ?? ""));
      if (!draft) return fail(res, 404, "Not Found", "No clip with this ID.");
      return sendJson(res, 200, pollClip(draft));
    }
    return fail(res, 404, "Not Found", `No route for ${method} ${url.pathname}.`);
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://uplynk.invalid");
    const entry: UplynkRequest = { method: req.method ?? "GET", path: url.pathname, status: 0 };
    res.on("close", () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      requests.push(entry);
    });
    const fault = faults.take("api");
    if (fault?.kind === "reset") return void req.socket.destroy();
    if (fault?.kind === "rateLimit") {
      return sendJson(
        res,
        429,
        { error: "Too Many Requests", message: "Slow down." },
        { "retry-after": fault.retryAfterSeconds },
      );
    }
    if (fault?.kind === "serverError")
      return fail(res, fault.status, "Server Error", "Injected fault.");
    route(req, res, url).catch(() => {
      if (!res.headersSent) fail(res, 500, "Server Error", "The fake failed.");
      else res.destroy();
    });
  };
  const server = await listenOnLoopback(
    options.validateRequests
      ? specGate(createRequestValidator(loadSpec("uplynk-clipping")), BASE, handle)
      : handle,
  );
  return {
    baseUrl: `${server.origin}${BASE}`,
    owner,
    apiKey,
    clock,
    faults,
    state: { drafts, requests },
    close: server.close,
  };
}
