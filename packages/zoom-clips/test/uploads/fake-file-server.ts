/**
 * A stateful fake of Zoom's file API over `node:http`, for byte-exact upload and download
 * tests (Prism mangles binary multipart bodies; see design.md). It parses multipart bodies as
 * they stream in, stores (or, in bench mode, only counts and hashes) the file bytes, enforces
 * the documented part rules, records every request, and injects faults on demand.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { partName as fieldName, MultipartParser } from "@clipkit/testing";

export interface PartRules {
  minPartSize: number;
  maxPartSize: number;
  maxParts: number;
  maxSingleSize: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The Host header: tells `127.0.0.1:…` from `localhost:…`. */
  host: string;
  authorization: string | undefined;
  contentLength: string | undefined;
  range: string | undefined;
  ifRange?: string | undefined;
  partNumber?: number;
  event?: string;
  /** File bytes received in this request. */
  fileBytes: number;
  status?: number;
  /** Set when the fake cut the connection. */
  reset?: boolean;
}

export type Fault =
  /** Destroys the socket after `afterBytes` file bytes (immediately when there is no body). */
  | { kind: "reset"; afterBytes?: number }
  /** Reads the body, then answers `status` (with `Retry-After` when given). */
  | { kind: "status"; status: number; retryAfter?: string }
  /** Waits before handling the request normally. */
  | { kind: "delay"; ms: number }
  /** Reads (and drops) the body, then answers a redirect. */
  | { kind: "redirect"; status?: number; location: string }
  /** Downloads: announces the full Content-Length, sends `bytes`, then cuts the connection. */
  | { kind: "short"; bytes: number };

export interface FaultMatch {
  method: string;
  path: string;
  /** The Host header, e.g. `localhost:1234`. */
  host: string;
  partNumber?: number;
  event?: string;
}

interface FaultRule {
  match: (request: FaultMatch) => boolean;
  fault: Fault;
  times: number;
}

export interface StoredPart {
  size: number;
  sha256: string;
  etag: string;
  bytes?: Buffer;
  /** How many times this part number was received whole. */
  received: number;
}

export interface StoredUpload {
  fileName: string | undefined;
  parts: Map<number, StoredPart>;
  completed: boolean;
}

export interface StoredClip {
  size: number;
  sha256: string;
  bytes?: Buffer;
  fileName: string | undefined;
  via: "single" | "multipart";
}

export interface FakeFileServerOptions {
  /** Keep the bytes (tests) or only count and hash them (bench). Default true. */
  store?: boolean;
  rules?: Partial<PartRules>;
  /** Where `GET /clips/{id}/download` redirects to (default: this server's `/files/{id}`). */
  downloadBase?: () => string;
  /** Honour `Range` on `/files/{id}`. Default true. */
  acceptRanges?: boolean;
  /** Send a strong ETag on `/files/{id}` and honour `If-Range` with it. Default true. */
  etags?: boolean;
}

export interface FakeFileServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  uploads: Map<string, StoredUpload>;
  clips: Map<string, StoredClip>;
  /** Files served by `GET /files/{id}` (and via `GET /clips/{id}/download`). */
  files: Map<string, Buffer>;
  /** The most part uploads seen in flight at once. */
  maxActiveParts: number;
  /** Bytes received by `POST /sink` (bench: plain pipe), with their hash. */
  sink: { bytes: number; sha256: string | undefined };
  inject(match: (request: FaultMatch) => boolean, fault: Fault, times?: number): void;
  /** Drops the faults not used up yet. */
  clearFaults(): void;
  close(): Promise<void>;
}

const DEFAULT_RULES: PartRules = {
  minPartSize: 5 * 1024 * 1024,
  maxPartSize: 100 * 1024 * 1024,
  maxParts: 100,
  maxSingleSize: 2 * 1024 * 1024 * 1024,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeFileServer(
  options: FakeFileServerOptions = {},
): Promise<FakeFileServer> {
  const store = options.store ?? true;
  const rules: PartRules = { ...DEFAULT_RULES, ...options.rules };
  const faults: FaultRule[] = [];
  const requests: RecordedRequest[] = [];
  const uploads = new Map<string, StoredUpload>();
  const clips = new Map<string, StoredClip>();
  const files = new Map<string, Buffer>();
  const sink = { bytes: 0, sha256: undefined as string | undefined };
  let active = 0;

  const takeFault = (match: FaultMatch): Fault | undefined => {
    const rule = faults.find((r) => r.times > 0 && r.match(match));
    if (!rule) return undefined;
    rule.times--;
    return rule.fault;
  };

  const json = (res: ServerResponse, record: RecordedRequest, status: number, body: unknown) => {
    record.status = status;
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  };

  /** Answers a status/redirect fault (after the body was read). */
  const answerFault = (res: ServerResponse, record: RecordedRequest, fault: Fault): boolean => {
    if (fault.kind === "status") {
      record.status = fault.status;
      const text = JSON.stringify({ code: fault.status, message: "injected fault" });
      res.writeHead(fault.status, {
        "content-type": "application/json",
        ...(fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {}),
      });
      res.end(text);
      return true;
    }
    if (fault.kind === "redirect") {
      record.status = fault.status ?? 307;
      res.writeHead(record.status, { location: fault.location, "content-length": 0 });
      res.end();
      return true;
    }
    return false;
  };

  const reset = (req: IncomingMessage, record: RecordedRequest) => {
    record.reset = true;
    req.socket.destroy();
  };

  async function readJson(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    return text ? JSON.parse(text) : undefined;
  }

  /**
   * Reads a multipart body: text fields as strings, the `file` part hashed (and kept when
   * storing). `onField` runs as each text field completes; it may return a fault to apply.
   */
  function readForm(
    req: IncomingMessage,
    record: RecordedRequest,
    onField: (name: string, value: string) => Fault | undefined,
    resetAfterBytes?: number,
  ): Promise<{
    fields: Record<string, string>;
    file?: { size: number; sha256: string; bytes?: Buffer; filename?: string };
    fault?: Fault;
  } | null> {
    const type = req.headers["content-type"] ?? "";
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
    if (!boundary) return Promise.resolve(null);
    const fields: Record<string, string> = {};
    let file: { size: number; sha256: string; bytes?: Buffer; filename?: string } | undefined;
    let fault: Fault | undefined;
    let resetAfter: number | undefined = resetAfterBytes;
    const parser = new MultipartParser(boundary[1] ?? boundary[2] ?? "", (headers) => {
      const { name, filename } = fieldName(headers["content-disposition"]);
      if (name === "file") {
        const hash = createHash("sha256");
        const chunks: Buffer[] = [];
        let size = 0;
        return {
          write(chunk) {
            size += chunk.length;
            record.fileBytes = size;
            hash.update(chunk);
            if (store) chunks.push(Buffer.from(chunk));
            if (resetAfter !== undefined && size >= resetAfter) {
              resetAfter = undefined;
              reset(req, record);
            }
          },
          end() {
            file = {
              size,
              sha256: hash.digest("hex"),
              ...(store ? { bytes: Buffer.concat(chunks) } : {}),
              ...(filename !== undefined ? { filename } : {}),
            };
          },
        };
      }
      const parts: Buffer[] = [];
      return {
        write: (chunk) => parts.push(Buffer.from(chunk)),
        end() {
          const value = Buffer.concat(parts).toString("utf8");
          if (name !== undefined) fields[name] = value;
          const found = name !== undefined ? onField(name, value) : undefined;
          if (found?.kind === "reset") resetAfter = found.afterBytes ?? 0;
          else if (found) fault = found;
        },
      };
    });
    return new Promise((resolve, reject) => {
      req.on("data", (chunk: Buffer) => {
        if (record.reset) return;
        try {
          parser.write(chunk);
        } catch (error) {
          reject(error);
        }
      });
      req.on("end", () => {
        if (record.reset) return;
        if (!parser.finished) return reject(new Error("multipart body ended early"));
        resolve({ fields, ...(file ? { file } : {}), ...(fault ? { fault } : {}) });
      });
      req.on("error", () => {});
      req.on("close", () => {
        if (record.reset || !req.complete) resolve(null);
      });
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const path = url.pathname;
    const record: RecordedRequest = {
      method,
      path,
      host: req.headers.host ?? "",
      authorization: req.headers.authorization,
      contentLength: req.headers["content-length"],
      range: req.headers.range,
      ifRange: req.headers["if-range"] as string | undefined,
      fileBytes: 0,
    };
    requests.push(record);
    const host = record.host;
    const early = (match: Omit<FaultMatch, "host">) => takeFault({ ...match, host });

    if (method === "POST" && path === "/sink") {
      const hash = createHash("sha256");
      for await (const chunk of req) {
        sink.bytes += (chunk as Buffer).length;
        hash.update(chunk as Buffer);
      }
      sink.sha256 = hash.digest("hex");
      return json(res, record, 200, { bytes: sink.bytes });
    }

    if (method === "POST" && path === "/clips/files") {
      const fault = early({ method, path });
      if (fault?.kind === "delay") await sleep(fault.ms);
      if (fault?.kind === "reset" && !fault.afterBytes) return reset(req, record);
      const form = await readForm(
        req,
        record,
        () => undefined,
        fault?.kind === "reset" ? fault.afterBytes : undefined,
      ).catch(() => null);
      if (fault?.kind === "reset") return;
      if (!form) return record.reset ? undefined : json(res, record, 400, { message: "bad form" });
      if (fault && answerFault(res, record, fault)) return;
      if (!form.file) return json(res, record, 400, { code: 300, message: "file is required" });
      if (form.file.size > rules.maxSingleSize) {
        return json(res, record, 400, { code: 300, message: "file too large" });
      }
      const clipId = `clip_${randomBytes(6).toString("hex")}`;
      clips.set(clipId, {
        size: form.file.size,
        sha256: form.file.sha256,
        ...(form.file.bytes ? { bytes: form.file.bytes } : {}),
        fileName: form.file.filename,
        via: "single",
      });
      return json(res, record, 201, { clip_id: clipId });
    }

    if (method === "POST" && path === "/clips/files/multipart") {
      active++;
      server.maxActiveParts = Math.max(server.maxActiveParts, active);
      res.on("close", () => active--);
      let pending: Fault | undefined;
      const form = await readForm(req, record, (name, value) => {
        if (name !== "part_number") return undefined;
        record.partNumber = Number(value);
        const fault = takeFault({ method, path, host, partNumber: Number(value) });
        if (fault?.kind === "delay") {
          pending = fault;
          return undefined;
        }
        return fault;
      }).catch(() => null);
      if (!form) return record.reset ? undefined : json(res, record, 400, { message: "bad form" });
      if (pending?.kind === "delay") await sleep(pending.ms);
      if (form.fault && answerFault(res, record, form.fault)) return;
      const context = form.fields.upload_context ?? "";
      const upload = uploads.get(context);
      const partNumber = Number(form.fields.part_number);
      if (!upload || upload.completed) {
        return json(res, record, 404, { code: 3001, message: "no such upload" });
      }
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > rules.maxParts) {
        return json(res, record, 400, { code: 300, message: "part_number out of range" });
      }
      if (!form.file) return json(res, record, 400, { code: 300, message: "file is required" });
      if (form.file.size > rules.maxPartSize) {
        return json(res, record, 400, { code: 300, message: "part larger than allowed" });
      }
      const etag = createHash("md5")
        .update(form.file.sha256)
        .update(String(partNumber))
        .digest("hex");
      const previous = upload.parts.get(partNumber);
      upload.parts.set(partNumber, {
        size: form.file.size,
        sha256: form.file.sha256,
        etag,
        ...(form.file.bytes ? { bytes: form.file.bytes } : {}),
        received: (previous?.received ?? 0) + 1,
      });
      return json(res, record, 201, { part_number_etag: { part_number: partNumber, etag } });
    }

    if (method === "POST" && path === "/clips/files/multipart/upload_events") {
      const body = (await readJson(req).catch(() => undefined)) as
        | { method?: string; params?: Record<string, unknown> }
        | undefined;
      record.event = body?.method;
      const fault = early({ method, path, ...(body?.method ? { event: body.method } : {}) });
      if (fault?.kind === "delay") await sleep(fault.ms);
      if (fault?.kind === "reset") return reset(req, record);
      if (fault && answerFault(res, record, fault)) return;
      if (body?.method === "CreateMultipartUpload") {
        const context = randomBytes(24).toString("base64url");
        const fileName = body.params?.file_name;
        uploads.set(context, {
          fileName: typeof fileName === "string" ? fileName : undefined,
          parts: new Map(),
          completed: false,
        });
        return json(res, record, 201, { upload_context: context });
      }
      if (body?.method === "CompleteMultipartUpload") {
        const context = String(body.params?.upload_context ?? "");
        const upload = uploads.get(context);
        if (!upload || upload.completed) {
          return json(res, record, 404, { code: 3001, message: "no such upload" });
        }
        const etags = body.params?.part_number_etags as
          | { part_number: number; etag: string }[]
          | undefined;
        if (!Array.isArray(etags) || etags.length === 0) {
          return json(res, record, 400, { code: 300, message: "part_number_etags is required" });
        }
        const problems: string[] = [];
        etags.forEach((entry, index) => {
          const stored = upload.parts.get(entry.part_number);
          if (entry.part_number !== index + 1) problems.push(`part ${index + 1} out of order`);
          if (!stored) problems.push(`part ${entry.part_number} was never uploaded`);
          else if (stored.etag !== entry.etag) problems.push(`etag of part ${entry.part_number}`);
          else if (index < etags.length - 1 && stored.size < rules.minPartSize) {
            problems.push(`part ${entry.part_number} is smaller than ${rules.minPartSize}`);
          }
        });
        if (etags.length !== upload.parts.size) problems.push("uploaded parts left out");
        if (problems.length > 0) {
          return json(res, record, 400, { code: 300, message: problems.join("; ") });
        }
        upload.completed = true;
        const ordered = etags.map((e) => upload.parts.get(e.part_number) as StoredPart);
        const size = ordered.reduce((n, p) => n + p.size, 0);
        const clipId = `clip_${randomBytes(6).toString("hex")}`;
        const bytes = store ? Buffer.concat(ordered.map((p) => p.bytes as Buffer)) : undefined;
        clips.set(clipId, {
          size,
          sha256: bytes
            ? createHash("sha256").update(bytes).digest("hex")
            : ordered.map((p) => p.sha256).join(","),
          ...(bytes ? { bytes } : {}),
          fileName: upload.fileName,
          via: "multipart",
        });
        return json(res, record, 201, { clip_id: clipId });
      }
      return json(res, record, 400, { code: 300, message: "unknown method" });
    }

    const download = /^\/clips\/([^/]+)\/download$/.exec(path);
    if (method === "GET" && download) {
      const id = decodeURIComponent(download[1] ?? "");
      const fault = early({ method, path });
      if (fault?.kind === "reset") return reset(req, record);
      if (fault && answerFault(res, record, fault)) return;
      if (!files.has(id)) return json(res, record, 404, { code: 5001, message: "no such clip" });
      const base = options.downloadBase?.() ?? server.url;
      record.status = 302;
      res.writeHead(302, { location: `${base}/files/${encodeURIComponent(id)}?sig=abc` });
      return res.end();
    }

    const served = /^\/files\/([^/]+)$/.exec(path);
    if (method === "GET" && served) {
      const bytes = files.get(decodeURIComponent(served[1] ?? ""));
      const fault = early({ method, path });
      if (fault?.kind === "delay") await sleep(fault.ms);
      if (fault?.kind === "reset") return reset(req, record);
      if (fault && answerFault(res, record, fault)) return;
      if (!bytes) return json(res, record, 404, { message: "no such file" });
      let start = 0;
      const etag = `"${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}"`;
      const validators = options.etags === false ? {} : { etag };
      const ifRange = req.headers["if-range"];
      // RFC 9110 §13.1.5: a validator that no longer matches means "send it all".
      const current = ifRange === undefined || (options.etags !== false && ifRange === etag);
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
      if (range && current && (options.acceptRanges ?? true)) {
        start = Number(range[1]);
        if (start >= bytes.length) {
          record.status = 416;
          res.writeHead(416, { "content-range": `bytes */${bytes.length}`, ...validators });
          return res.end();
        }
        record.status = 206;
        res.writeHead(206, {
          "content-type": "video/mp4",
          "content-length": bytes.length - start,
          "content-range": `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
          "accept-ranges": "bytes",
          ...validators,
        });
      } else {
        record.status = 200;
        res.writeHead(200, {
          "content-type": "video/mp4",
          "content-length": bytes.length,
          "accept-ranges": "bytes",
          ...validators,
        });
      }
      const body = bytes.subarray(start);
      if (fault?.kind === "short") {
        res.write(body.subarray(0, fault.bytes), () => {
          record.reset = true;
          setTimeout(() => req.socket.destroy(), 20);
        });
        return;
      }
      return res.end(body);
    }

    return json(res, record, 404, { message: `no route for ${method} ${path}` });
  }

  const http: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: String(error) }));
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  const server: FakeFileServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    uploads,
    clips,
    files,
    sink,
    maxActiveParts: 0,
    inject(match, fault, times = 1) {
      faults.push({ match, fault, times });
    },
    clearFaults() {
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
  return server;
}
