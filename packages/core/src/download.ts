import { apiErrorFrom } from "./errors/api-error.js";
import { DownloadChangedError, IncompleteDownloadError } from "./errors/download-errors.js";
import { ConnectionError, TimeoutError } from "./errors/request-errors.js";
import { ClipKitValidationError } from "./errors/validation-error.js";
import { textOf } from "./pipeline/buffered-response.js";
import type { Pipeline } from "./pipeline/compose.js";
import { parseBody } from "./pipeline/response-body.js";
import { runWithRetries } from "./pipeline/retry-loop.js";
import { followRedirects, headersForHop } from "./redirects.js";

/** Progress of a download, counted from the start of the file (a resumed one included). */
export interface DownloadProgress {
  bytesReceived: number;
  /** The file's full size, when the server said it. */
  totalBytes: number | undefined;
}

export interface DownloadOptions {
  /** Resume from this byte of the file (the size of a `.part` file, say). Default 0. */
  offset?: number;
  /**
   * The `validator` of the earlier download `offset` continues (its ETag or Last-Modified),
   * sent as `If-Range`: if the file changed, the server sends it whole instead of a splice.
   */
  validator?: string | undefined;
  /** Headers for every hop; credential headers only where the client's policy allows. */
  // RequestInit["headers"], not HeadersInit: @types/node lacks the latter (no DOM lib needed).
  headers?: RequestInit["headers"];
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Default 5. */
  maxRedirects?: number | undefined;
}

/** A download whose headers arrived; `stream` is the (measured, self-resuming) body. */
export interface Download {
  /** The URL that answered with the file, after redirects. */
  url: string;
  /**
   * The file's bytes from `start` on. A connection that breaks or stalls is resumed from the
   * last byte (`Range` + `If-Range`) within the client's retry budget; it errors with
   * `IncompleteDownloadError` if the body still ends short, `DownloadChangedError` if the file
   * changed meanwhile — never a quiet, truncated or spliced file.
   */
  stream: ReadableStream<Uint8Array>;
  /** Where `stream` starts in the file: the requested offset if the server honoured the
   * Range (206), 0 if it sent the whole file (200). */
  start: number;
  /** The file's full size, when the server said it. */
  totalBytes: number | undefined;
  contentType: string | undefined;
  /** A strong ETag or a Last-Modified date that identifies this version of the file. */
  validator: string | undefined;
}

const CONTENT_RANGE = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i;

function validatorOf(headers: Headers): string | undefined {
  const etag = headers.get("etag");
  // A weak ETag may not be used in If-Range (RFC 9110 §13.1.5).
  if (etag && !etag.startsWith("W/")) return etag;
  return headers.get("last-modified") ?? undefined;
}

function cancel(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/**
 * One GET of a download through the client's lifecycle, redirects followed by hand so each
 * hop gets credentials only where the client's credential policy allows (a CDN never does).
 */
async function fetchFile(
  pipeline: Pipeline,
  url: string,
  headers: Headers,
  options: DownloadOptions,
  signal: AbortSignal,
  first?: Response,
): Promise<{ response: Response; url: string }> {
  const get = (target: string) =>
    pipeline.send({
      method: "GET",
      url: target,
      replayable: true,
      signal,
      options: { stream: true },
      build: () =>
        new Request(target, {
          headers: headersForHop(target, headers, pipeline.mayReceiveCredentials),
          redirect: "manual",
        }),
    });
  return followRedirects(first ?? (await get(url)), url, {
    maxRedirects: options.maxRedirects,
    send: (target) => get(target.toString()),
  });
}

/**
 * Opens a download of `url` on a client's lifecycle (its credential policy, time limits,
 * retries): follows redirects, asks for `Range`/`If-Range` when `offset` is set, checks the
 * answer, and returns a stream that resumes itself after a broken or stalled connection.
 */
export async function openDownload(
  pipeline: Pipeline,
  url: string,
  options: DownloadOptions = {},
): Promise<Download> {
  return startDownload(pipeline, url, options);
}

/**
 * As `openDownload`, when the first request was already made (through a typed client, say):
 * `first` is its answer (a redirect, usually), `firstUrl` the URL that request went to — not
 * `first.url`, which is "" on an answer built with `new Response` (a caller's fetch, a mock).
 */
export function continueDownload(
  pipeline: Pipeline,
  first: Response,
  firstUrl: string,
  options: DownloadOptions = {},
): Promise<Download> {
  return startDownload(pipeline, firstUrl, options, first);
}

async function startDownload(
  pipeline: Pipeline,
  url: string,
  options: DownloadOptions,
  first?: Response,
): Promise<Download> {
  const offset = options.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new ClipKitValidationError("offset", `expected a whole number ≥ 0, got ${offset}`);
  }
  const signal = options.signal ?? new AbortController().signal;
  const base = new Headers(options.headers);
  base.set("accept-encoding", "identity"); // byte counts must match what was sent
  const rangeHeaders = (from: number, validator: string | undefined) => {
    const headers = new Headers(base);
    if (from > 0) headers.set("range", `bytes=${from}-`);
    if (from > 0 && validator) headers.set("if-range", validator);
    return headers;
  };

  const opened = await fetchFile(
    pipeline,
    url,
    rangeHeaders(offset, options.validator),
    options,
    signal,
    first,
  );
  const { response } = opened;
  const contentType = response.headers.get("content-type") ?? undefined;
  const validator = validatorOf(response.headers);

  if (response.status === 416 && offset > 0) {
    // Nothing left after `offset`: fine when the file is exactly that long.
    const range = response.headers.get("content-range");
    // Stryker disable next-line StringLiteral: any text that fails the anchored pattern, as a missing header does
    const total = /^bytes\s+\*\/(\d+)$/i.exec(range ?? "")?.[1];
    cancel(response);
    if (total !== undefined && Number(total) === offset) {
      return {
        url: opened.url,
        stream: emptyStream(),
        start: offset,
        totalBytes: offset,
        contentType,
        validator,
      };
    }
    throw apiErrorFrom(response, undefined, pipeline.vendor, "GET");
  }
  if (!response.ok) {
    throw apiErrorFrom(response, parseBody(textOf(response)), pipeline.vendor, "GET");
  }
  const span = spanOf(response, offset);
  if (!response.body) {
    return {
      url: opened.url,
      stream: emptyStream(),
      start: 0,
      totalBytes: 0,
      contentType,
      validator,
    };
  }

  /** Re-opens the file at `from` for the rest of it; the file must be the same version. */
  const reopen = async (from: number): Promise<ReadableStreamDefaultReader<Uint8Array>> => {
    if (!validator) {
      throw new IncompleteDownloadError(
        "the connection broke and the server gave no ETag or Last-Modified to resume safely",
        from,
        span.expected,
      );
    }
    const again = await fetchFile(pipeline, url, rangeHeaders(from, validator), options, signal);
    const next = again.response;
    if (next.status !== 206) {
      cancel(next);
      if (next.ok) {
        throw new DownloadChangedError(
          `the file changed during the download (the server sent it whole instead of bytes ${from}-); start again from byte 0`,
        );
      }
      throw apiErrorFrom(next, parseBody(textOf(next)), pipeline.vendor, "GET");
    }
    spanOf(next, from); // refuses (and cancels) an answer that does not start at `from`
    return (next.body as ReadableStream<Uint8Array>).getReader();
  };

  const stream = resumingBody(response.body, {
    start: span.start,
    expected: span.expected,
    totalBytes: span.totalBytes,
    reopen,
    pipeline,
    signal,
    onProgress: options.onProgress,
  });
  return {
    url: opened.url,
    stream,
    start: span.start,
    totalBytes: span.totalBytes,
    contentType,
    validator,
  };
}

/** Where a 200/206 answer's bytes start, where they should end, and the file's size. */
function spanOf(
  response: Response,
  offset: number,
): { start: number; expected: number | undefined; totalBytes: number | undefined } {
  const length = response.headers.get("content-length");
  // Headers strip a value's surrounding whitespace already.
  const size = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
  if (response.status !== 206) {
    return { start: 0, expected: size, totalBytes: size };
  }
  const range = response.headers.get("content-range");
  // Stryker disable next-line StringLiteral: any text that fails the anchored pattern, as a missing header does
  const match = CONTENT_RANGE.exec(range ?? "");
  if (!match) {
    cancel(response);
    throw new IncompleteDownloadError("206 answer without a usable Content-Range", 0, undefined);
  }
  const start = Number(match[1]);
  const totalBytes = match[3] === "*" ? undefined : Number(match[3]);
  if (start !== offset) {
    cancel(response);
    throw new IncompleteDownloadError(
      `asked for bytes from ${offset}, the server sent them from ${start}`,
      offset,
      totalBytes,
    );
  }
  return { start, expected: Number(match[2]) + 1, totalBytes };
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

/**
 * The body, counted (progress per chunk, an error when it ends short of or runs past the
 * announced length) and resumed from the last byte when the connection breaks or stalls:
 * each chunk's read goes through the client's one retry loop.
 */
function resumingBody(
  body: ReadableStream<Uint8Array>,
  options: {
    start: number;
    expected: number | undefined;
    totalBytes: number | undefined;
    reopen: (from: number) => Promise<ReadableStreamDefaultReader<Uint8Array>>;
    pipeline: Pipeline;
    signal: AbortSignal;
    onProgress: ((progress: DownloadProgress) => void) | undefined;
  },
): ReadableStream<Uint8Array> {
  const { start, expected, totalBytes, reopen, pipeline, signal, onProgress } = options;
  let reader = body.getReader();
  let position = start;
  let broken = false;
  // Only a body that ended short is worth resuming among IncompleteDownloadErrors.
  let lastShort: unknown;
  const short = (announced: number) => {
    lastShort = new IncompleteDownloadError(
      `the download ended after ${position} of ${announced} bytes`,
      position,
      announced,
    );
    return lastShort;
  };
  const readNext = async (): Promise<ReadableStreamReadResult<Uint8Array>> => {
    if (broken) {
      reader.cancel().catch(() => {});
      reader = await reopen(position);
      broken = false;
    }
    try {
      const chunk = await reader.read();
      if (chunk.done && expected !== undefined && position < expected) throw short(expected);
      return chunk;
    } catch (error) {
      broken = true;
      throw error;
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await runWithRetries(
            {
              attempt: readNext,
              retryError: (error) =>
                !signal.aborted &&
                (error instanceof ConnectionError ||
                  error instanceof TimeoutError ||
                  error === lastShort)
                  ? {}
                  : undefined,
              onRetry: (delayMs) =>
                pipeline.policy.logger?.debug(`download resuming from byte ${position}`, {
                  delayMs,
                }),
            },
            pipeline.policy,
            signal,
          );
        } catch (error) {
          // A body that broke off for good is an incomplete download, resumable later.
          controller.error(
            error instanceof ConnectionError
              ? new IncompleteDownloadError(
                  `the download broke off after ${position} of ${expected ?? "?"} bytes`,
                  position,
                  expected,
                  { cause: error },
                )
              : error,
          );
          return;
        }
        if (chunk.done) {
          controller.close();
          return;
        }
        position += chunk.value.byteLength;
        if (expected !== undefined && position > expected) {
          await reader.cancel().catch(() => {});
          controller.error(
            new IncompleteDownloadError(
              `the server sent more than the ${expected} bytes it announced`,
              position,
              expected,
            ),
          );
          return;
        }
        controller.enqueue(chunk.value);
        onProgress?.({ bytesReceived: position, totalBytes });
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
