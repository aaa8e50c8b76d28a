/**
 * The Clips file API (`fileapi.zoom.us/v2`): single uploads, multipart parts and
 * `upload_events`, with the documented part rules. Bodies are read as they stream in, so a
 * fault can cut an upload after so many file bytes, and bench runs may keep only hashes.
 */
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeClock } from "../clock.js";
import type { Fault, FaultQueue, FaultRequest } from "../faults.js";
import { readBody } from "../http/listen.js";
import { type FormFile, readMultipartForm } from "../http/read-form.js";
import { answerFault } from "../zoom/fault-answer.js";
import { ZoomFakeError } from "../zoom/zoom-error.js";
import type { RecordedRequest } from "../zoom/zoom-hosts.js";

export interface UploadRules {
  minPartSize: number;
  maxPartSize: number;
  maxParts: number;
  maxSingleSize: number;
}

export const DEFAULT_UPLOAD_RULES: UploadRules = {
  minPartSize: 5 * 1024 * 1024,
  maxPartSize: 100 * 1024 * 1024,
  maxParts: 100,
  maxSingleSize: 2 * 1024 * 1024 * 1024,
};
const UPLOAD_TTL_MS = 7 * 24 * 3_600_000;

export interface UploadedPart extends FormFile {
  etag: string;
  /** How many times this part number arrived whole. */
  received: number;
}

export interface FakeUpload {
  fileName: string | undefined;
  parts: Map<number, UploadedPart>;
  createdAt: number;
  /** Set once `CompleteMultipartUpload` made the clip. */
  clipId?: string;
}

/** A finished upload: its bytes (when kept), else its size and hash. */
export interface UploadedFile {
  size: number;
  /** SHA-256 of the file; of a multipart upload whose bytes were not kept, its parts' hashes joined by ",". */
  sha256: string;
  bytes?: Buffer;
  fileName: string | undefined;
  via: "single" | "multipart";
}

export interface UploadRoutesOptions {
  rules: UploadRules;
  /** Keep uploaded bytes (default) or only count and hash them. */
  keepBytes: boolean;
  clock: FakeClock;
  faults: FaultQueue;
  uploads: Map<string, FakeUpload>;
  /** Makes the clip of a finished upload; returns its ID. */
  addClip(file: UploadedFile): string;
  /** Counts part uploads in flight. */
  activeParts: { now: number; max: number };
}

/** One request's answer channel: JSON answers, and the response for faults. */
interface Reply {
  res: ServerResponse;
  json(status: number, body: unknown): void;
}

/** The upload routes; `handle` answers `filePath` (the path below `/fileapi/v2`), or false. */
export function createUploadRoutes(options: UploadRoutesOptions) {
  const { rules, faults, uploads } = options;

  function cut(req: IncomingMessage, entry: RecordedRequest) {
    entry.reset = true;
    req.socket.destroy();
  }

  /** Reads a form, cutting the connection after `resetAfter()` file bytes when that is set. */
  function readForm(
    req: IncomingMessage,
    entry: RecordedRequest,
    resetAfter: () => number | undefined,
    onField?: (name: string, value: string) => void,
  ) {
    return readMultipartForm(req, {
      keepBytes: options.keepBytes,
      ...(onField ? { onField } : {}),
      onFileBytes(size) {
        entry.fileBytes = size;
        const limit = resetAfter();
        if (limit !== undefined && size >= limit && !entry.reset) cut(req, entry);
      },
    });
  }

  async function single(req: IncomingMessage, entry: RecordedRequest, reply: Reply, fault?: Fault) {
    if (fault?.kind === "reset" && fault.afterBytes === 0) return cut(req, entry);
    const form = await readForm(req, entry, () =>
      fault?.kind === "reset" ? fault.afterBytes : undefined,
    );
    if (entry.reset) return;
    if (fault && form && answerFault(reply.res, fault)) return;
    const file = form?.files.file;
    if (!file) throw new ZoomFakeError(400, 300, "A file part is required.");
    if (file.size > rules.maxSingleSize)
      throw new ZoomFakeError(400, 300, "The file is too large; use a multipart upload.");
    const clipId = options.addClip({
      size: file.size,
      sha256: file.sha256,
      ...(file.bytes ? { bytes: file.bytes } : {}),
      fileName: file.filename,
      via: "single",
    });
    reply.json(201, { clip_id: clipId });
  }

  async function part(req: IncomingMessage, entry: RecordedRequest, reply: Reply, host: string) {
    const active = options.activeParts;
    active.now++;
    active.max = Math.max(active.max, active.now);
    reply.res.on("close", () => active.now--);
    let fault: Fault | undefined;
    const form = await readForm(
      req,
      entry,
      () => (fault?.kind === "reset" ? fault.afterBytes : undefined),
      (name, value) => {
        if (name !== "part_number") return;
        entry.partNumber = Number(value);
        const request = {
          method: entry.method,
          path: entry.path,
          host,
          partNumber: entry.partNumber,
        };
        fault = faults.take("upload", undefined, request);
      },
    );
    if (entry.reset) return;
    const armed = fault as Fault | undefined;
    if (armed?.kind === "delay") await sleep(armed.ms);
    if (armed && form && answerFault(reply.res, armed)) return;
    const file = form?.files.file;
    if (!form || !file) throw new ZoomFakeError(400, 300, "A file part is required.");
    const upload = uploads.get(form.fields.upload_context ?? "");
    if (!upload || upload.clipId)
      throw new ZoomFakeError(404, 3001, "The upload does not exist or was completed.");
    const partNumber = Number(form.fields.part_number);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > rules.maxParts) {
      throw new ZoomFakeError(
        400,
        300,
        `part_number must be an integer from 1 to ${rules.maxParts}.`,
      );
    }
    if (file.size > rules.maxPartSize) throw new ZoomFakeError(400, 300, "The part is too large.");
    const etag = createHash("md5").update(file.sha256).digest("hex");
    const received = (upload.parts.get(partNumber)?.received ?? 0) + 1;
    upload.parts.set(partNumber, { ...file, etag, received });
    reply.json(201, { part_number_etag: { part_number: partNumber, etag } });
  }

  function complete(params: Record<string, unknown>): { clip_id: string } {
    const upload = uploads.get(String(params.upload_context ?? ""));
    if (!upload || upload.clipId || options.clock.now() - upload.createdAt > UPLOAD_TTL_MS) {
      throw new ZoomFakeError(404, 3001, "The upload does not exist or was completed.");
    }
    const etags = params.part_number_etags;
    if (!Array.isArray(etags) || etags.length === 0)
      throw new ZoomFakeError(400, 300, "part_number_etags is required.");
    const problems: string[] = [];
    etags.forEach((entry: { part_number?: unknown; etag?: unknown }, index) => {
      const stored = upload.parts.get(Number(entry.part_number));
      const name = String(entry.part_number);
      if (entry.part_number !== index + 1) problems.push(`part ${index + 1} out of order`);
      if (!stored) problems.push(`part ${name} was never uploaded`);
      else if (stored.etag !== entry.etag) problems.push(`etag of part ${name} does not match`);
      else if (index < etags.length - 1 && stored.size < rules.minPartSize) {
        problems.push(`part ${name} is smaller than ${rules.minPartSize} bytes`);
      }
    });
    if (etags.length !== upload.parts.size) problems.push("uploaded parts were left out");
    if (problems.length > 0) throw new ZoomFakeError(400, 300, problems.join("; "));
    const parts = etags.map((e: { part_number: number }) => upload.parts.get(e.part_number));
    const ordered = parts.filter((p): p is UploadedPart => p !== undefined);
    const kept = ordered.every((p) => p.bytes);
    const bytes = kept ? Buffer.concat(ordered.map((p) => p.bytes as Buffer)) : undefined;
    upload.clipId = options.addClip({
      size: ordered.reduce((sum, p) => sum + p.size, 0),
      sha256: bytes
        ? createHash("sha256").update(bytes).digest("hex")
        : ordered.map((p) => p.sha256).join(","),
      ...(bytes ? { bytes } : {}),
      fileName: upload.fileName,
      via: "multipart",
    });
    return { clip_id: upload.clipId };
  }

  async function event(req: IncomingMessage, entry: RecordedRequest, reply: Reply, host: string) {
    let body: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse((await readBody(req)).toString("utf8"));
      if (typeof parsed === "object" && parsed !== null) body = parsed;
    } catch {}
    if (typeof body.method === "string") entry.event = body.method;
    const fault = faults.take("upload", undefined, {
      method: entry.method,
      path: entry.path,
      host,
      ...(entry.event ? { event: entry.event } : {}),
    });
    if (fault?.kind === "delay") await sleep(fault.ms);
    if (fault?.kind === "reset") return cut(req, entry);
    if (fault && answerFault(reply.res, fault)) return;
    const params = (
      typeof body.params === "object" && body.params !== null ? body.params : {}
    ) as Record<string, unknown>;
    if (body.method === "CreateMultipartUpload") {
      const context = randomBytes(48).toString("base64url");
      uploads.set(context, {
        fileName: typeof params.file_name === "string" ? params.file_name : undefined,
        parts: new Map(),
        createdAt: options.clock.now(),
      });
      return reply.json(201, { upload_context: context });
    }
    if (body.method === "CompleteMultipartUpload") return reply.json(201, complete(params));
    throw new ZoomFakeError(400, 300, "Unknown method.");
  }

  return {
    async handle(
      req: IncomingMessage,
      res: ServerResponse,
      filePath: string,
      entry: RecordedRequest,
      json: Reply["json"],
    ): Promise<boolean> {
      if (req.method !== "POST") return false;
      const contentLength = Number(req.headers["content-length"]);
      if (Number.isFinite(contentLength)) entry.contentLength = contentLength;
      const host = entry.host;
      const reply: Reply = { res, json };
      if (filePath === "/clips/files/multipart/upload_events") {
        await event(req, entry, reply, host);
        return true;
      }
      if (filePath === "/clips/files/multipart") {
        await part(req, entry, reply, host);
        return true;
      }
      if (filePath === "/clips/files") {
        const request: FaultRequest = { method: entry.method, path: entry.path, host };
        const fault = faults.take("upload", undefined, request);
        if (fault?.kind === "delay") await sleep(fault.ms);
        await single(req, entry, reply, fault);
        return true;
      }
      return false;
    },
  };
}
