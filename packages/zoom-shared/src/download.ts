import {
  AbortError,
  apiErrorFrom,
  ClipKitError,
  ConnectionError,
  type VendorProfile,
} from "@clipkit/core";
import { followRedirects, headersForHop } from "./redirects.js";
import { zoomVendor } from "./vendor.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

/** Progress of a download, counted from the start of the file (a resumed one included). */
export interface DownloadProgress {
  bytesReceived: number;
  /** The file's full size, when the server said it. */
  totalBytes: number | undefined;
}

/** The body ended before (or ran past) the length the server announced. Resume it. */
export class IncompleteDownloadError extends ClipKitError {
  override name = "IncompleteDownloadError";
  constructor(
    message: string,
    /** Bytes of the file received so far, counted from the start of the file. */
    readonly bytesReceived: number,
    /** The length the server announced (from the start of the file), when it did. */
    readonly expectedBytes: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
  protected override details(): Record<string, unknown> {
    return { bytesReceived: this.bytesReceived, expectedBytes: this.expectedBytes };
  }
}

export interface DownloadOptions {
  /** The fetch underneath. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Headers of the first request, credentials included; later hops drop them unless allowed. */
  // RequestInit, not HeadersInit: @types/node declares only the former (no DOM lib needed).
  headers?: RequestInit["headers"];
  /** Origins (besides https Zoom hosts) that may receive the credentials: the client's own. */
  trustedOrigins?: string[];
  /** Resume from this byte: sends `Range: bytes=<offset>-`. Default 0. */
  offset?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Default 5. */
  maxRedirects?: number;
  /** How error answers become typed errors. Default: Zoom's. */
  vendor?: VendorProfile;
}

/** A download whose headers arrived; `stream` is the (measured) body. */
export interface Download {
  /** The URL that answered with the file, after redirects. */
  url: string;
  /**
   * The file's bytes from `start` on. It errors with `IncompleteDownloadError` when it ends
   * short of the announced length — a short body is never a quiet, truncated file.
   */
  stream: ReadableStream<Uint8Array>;
  /** Where `stream` starts in the file: the requested offset if the server honoured the
   * Range (206), 0 if it sent the whole file (200). */
  start: number;
  /** The file's full size, when the server said it. */
  totalBytes: number | undefined;
  contentType: string | undefined;
}

const defaultVendor = zoomVendor(PACKAGE_NAME, VERSION);

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error as { name?: unknown })?.name === "AbortError";
}

function wrapFetchError(error: unknown, signal: AbortSignal | undefined, url: URL): Error {
  if (error instanceof ClipKitError) return error;
  if (isAbort(error, signal)) {
    return new AbortError("the download was aborted by the caller", { cause: signal?.reason });
  }
  return new ConnectionError(`GET ${url.origin}${url.pathname} failed: no HTTP answer`, {
    cause: error,
  });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const CONTENT_RANGE = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i;

function intHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** A GET of `url` as one download hop: credentials per the redirect policy, Range, no redirects. */
function hop(url: URL, options: DownloadOptions): Promise<Response> {
  const headers = headersForHop(url, options.headers ?? {}, options.trustedOrigins ?? []);
  // Byte counts must match what was sent: no transparent decompression.
  headers.set("accept-encoding", "identity");
  if (options.offset) headers.set("range", `bytes=${options.offset}-`);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return fetchImpl(url, {
    method: "GET",
    headers,
    redirect: "manual",
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((error: unknown) => {
    throw wrapFetchError(error, options.signal, url);
  });
}

/**
 * Starts a download of `url`: follows redirects by hand (credentials only where
 * `mayReceiveCredentials` allows), asks for `Range` when resuming, and checks the answer.
 */
export async function openDownload(url: string, options: DownloadOptions = {}): Promise<Download> {
  const first = await hop(new URL(url), options);
  return continueDownload(first, url, options);
}

/**
 * Like `openDownload`, from a first answer the caller already has (e.g. the 302 of
 * `GET /clips/{clipId}/download` sent through a typed client).
 */
export async function continueDownload(
  first: Response,
  firstUrl: string,
  options: DownloadOptions = {},
): Promise<Download> {
  const { response, url } = await followRedirects(first, firstUrl, {
    ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
    send: (target) => hop(target, options),
  });
  const offset = options.offset ?? 0;
  const contentType = response.headers.get("content-type") ?? undefined;
  const vendor = options.vendor ?? defaultVendor;

  if (response.status === 416 && offset > 0) {
    // Nothing left after `offset`: fine when the file is exactly that long.
    const total = /^bytes\s+\*\/(\d+)$/i.exec(response.headers.get("content-range") ?? "")?.[1];
    await response.body?.cancel().catch(() => {});
    if (total !== undefined && Number(total) === offset) {
      return { url, stream: emptyStream(), start: offset, totalBytes: offset, contentType };
    }
    throw apiErrorFrom(response, undefined, vendor, "GET");
  }
  if (!response.ok) throw apiErrorFrom(response, await readBody(response), vendor, "GET");
  if (!response.body) {
    return { url, stream: emptyStream(), start: 0, totalBytes: 0, contentType };
  }

  let start = 0;
  let length = intHeader(response.headers, "content-length");
  let totalBytes = length;
  if (response.status === 206) {
    const match = CONTENT_RANGE.exec(response.headers.get("content-range") ?? "");
    if (!match) {
      await response.body.cancel().catch(() => {});
      throw new IncompleteDownloadError("206 answer without a usable Content-Range", 0, undefined);
    }
    start = Number(match[1]);
    length = Number(match[2]) - start + 1;
    totalBytes = match[3] === "*" ? undefined : Number(match[3]);
    if (start !== offset) {
      await response.body.cancel().catch(() => {});
      throw new IncompleteDownloadError(
        `asked for bytes from ${offset}, the server sent them from ${start}`,
        offset,
        totalBytes,
      );
    }
  }
  const stream = measured(response.body, {
    start,
    length,
    totalBytes,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return { url, stream, start, totalBytes, contentType };
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

/** `body` counted: progress per chunk, and an error when it ends short of (or past) `length`. */
function measured(
  body: ReadableStream<Uint8Array>,
  options: {
    start: number;
    length: number | undefined;
    totalBytes: number | undefined;
    signal: AbortSignal | undefined;
    onProgress: ((progress: DownloadProgress) => void) | undefined;
  },
): ReadableStream<Uint8Array> {
  const { start, length, totalBytes, signal, onProgress } = options;
  const expected = length === undefined ? undefined : start + length;
  const reader = body.getReader();
  let received = 0;
  const short = (cause?: unknown) =>
    new IncompleteDownloadError(
      `the download ended after ${start + received} of ${expected ?? "?"} bytes`,
      start + received,
      expected,
      cause === undefined ? undefined : { cause },
    );
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          controller.error(
            isAbort(error, signal)
              ? new AbortError("the download was aborted by the caller", { cause: signal?.reason })
              : short(error),
          );
          return;
        }
        if (chunk.done) {
          if (length !== undefined && received !== length) controller.error(short());
          else controller.close();
          return;
        }
        received += chunk.value.byteLength;
        if (length !== undefined && received > length) {
          await reader.cancel().catch(() => {});
          controller.error(
            new IncompleteDownloadError(
              `the server sent more than the ${expected} bytes it announced`,
              start + received,
              expected,
            ),
          );
          return;
        }
        controller.enqueue(chunk.value);
        onProgress?.({ bytesReceived: start + received, totalBytes });
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
