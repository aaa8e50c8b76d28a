import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeClock } from "../clock.js";
import type { FaultQueue } from "../faults.js";
import { sendChunks } from "../http/send-body.js";
import type { FakeRecordingFile } from "./data.js";
import { fileChunks } from "./file-content.js";

/** One request that reached the CDN host, and whether it carried a credential. */
export interface CdnRequest {
  method: string;
  /** Path without the query (the signature is left out). */
  path: string;
  range?: string;
  status: number;
  /** An `Authorization` header arrived. */
  authorization: boolean;
  /** A token the fake issued (OAuth or download token) appeared in a header or the URL. */
  leakedToken: boolean;
}

export interface CdnOptions {
  clock: FakeClock;
  faults: FaultQueue;
  signedUrlTtlSeconds: number;
  /** The file a path names, if any. */
  fileByKey(key: string): FakeRecordingFile | undefined;
  issuedTokens(): string[];
  record(request: CdnRequest): void;
}

const fileKey = (file: FakeRecordingFile) => file.id.replaceAll("-", "");

/** ETag and Last-Modified of a file, for `If-Range`. */
export const fileEtag = (file: FakeRecordingFile) => `"${fileKey(file)}-${file.size}"`;
const lastModified = (file: FakeRecordingFile) => new Date(file.recordingEnd).toUTCString();

/** Parses one `bytes=a-b`, `bytes=a-` or `bytes=-n` range; null when unsatisfiable. */
function parseRange(
  header: string,
  size: number,
): { start: number; end: number } | null | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    return suffix === 0 ? null : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? null : { start, end };
}

/** The storage host a download URL redirects to: signed URLs, bytes with Range and If-Range. */
export function createCdn(options: CdnOptions) {
  const secret = randomBytes(32);
  const sign = (key: string, expires: number) =>
    createHmac("sha256", secret).update(`${key}:${expires}`).digest("base64url");

  function signedPath(file: FakeRecordingFile): string {
    const expires = Math.floor(options.clock.now() / 1000) + options.signedUrlTtlSeconds;
    const key = fileKey(file);
    return `/replay/${key}.${file.fileExtension.toLowerCase()}?Expires=${expires}&Signature=${sign(key, expires)}&Key-Pair-Id=APKAFAKEKEYPAIR`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://cdn.invalid");
    const tokens = options.issuedTokens();
    const headerText = Object.values(req.headers).flat().join("\n");
    const entry: CdnRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      status: 0,
      authorization: req.headers.authorization !== undefined,
      leakedToken:
        url.searchParams.has("access_token") ||
        tokens.some((t) => headerText.includes(t) || (req.url ?? "").includes(t)),
      ...(req.headers.range ? { range: req.headers.range } : {}),
    };
    res.on("close", () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      options.record(entry);
    });
    const deny = (status: number, code: string) => {
      const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`;
      res
        .writeHead(status, { "content-type": "application/xml", "content-length": body.length })
        .end(body);
    };
    const match = /^\/replay\/([A-Za-z0-9]+)\.[a-z0-9]+$/.exec(url.pathname);
    const key = match?.[1] ?? "";
    const expires = Number(url.searchParams.get("Expires"));
    const given = Buffer.from(url.searchParams.get("Signature") ?? "");
    const wanted = Buffer.from(sign(key, expires));
    if (!match || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      return deny(403, "AccessDenied");
    }
    if (expires * 1000 <= options.clock.now()) return deny(403, "AccessDenied");
    const file = options.fileByKey(key);
    if (!file) return deny(404, "NoSuchKey");

    const fault = options.faults.take("cdn");
    if (fault?.kind === "reset" && fault.afterBytes === 0) {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "rateLimit") {
      res.writeHead(429, { "retry-after": String(fault.retryAfterSeconds) }).end();
      return;
    }
    if (fault?.kind === "serverError") return deny(fault.status, "InternalError");

    const etag = fileEtag(file);
    const headers: Record<string, string | number> = {
      "content-type": file.contentType,
      "accept-ranges": "bytes",
      etag,
      "last-modified": lastModified(file),
    };
    let start = 0;
    let end = file.size - 1;
    let status = 200;
    const ifRange = req.headers["if-range"];
    const rangeApplies =
      ifRange === undefined || ifRange === etag || ifRange === headers["last-modified"];
    if (req.headers.range && rangeApplies) {
      const range = parseRange(req.headers.range, file.size);
      if (range === null) {
        res.writeHead(416, { ...headers, "content-range": `bytes */${file.size}` }).end();
        return;
      }
      if (range) {
        ({ start, end } = range);
        status = 206;
        headers["content-range"] = `bytes ${start}-${end}/${file.size}`;
      }
    }
    headers["content-length"] = end - start + 1;
    res.writeHead(status, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await sendChunks(res, fileChunks(file.contentOffset, start, end + 1), {
      ...(fault?.kind === "slowBody" ? { bytesPerSecond: fault.bytesPerSecond } : {}),
      ...(fault?.kind === "reset" ? { resetAfterBytes: fault.afterBytes } : {}),
    });
  }

  return { signedPath, handle };
}
