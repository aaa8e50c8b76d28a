import { ClipKitValidationError } from "@clipkit/core";

/** Marks objects built by `fileSource` (Node entry) or by hand as ready-made sources. */
export const UPLOAD_SOURCE: unique symbol = Symbol.for("@clipkit/zoom-clips/upload-source");

/**
 * Bytes to upload, read lazily: nothing here holds the whole file in memory.
 * `slice` is there for sources that can be read again from any offset (files, Blobs, bytes):
 * their parts are re-sent on a retry without being buffered.
 */
export interface UploadSource {
  readonly [UPLOAD_SOURCE]: true;
  /** Total bytes, when known. */
  readonly size: number | undefined;
  /** A file name for the form part (e.g. the file path's base name). */
  readonly name: string | undefined;
  /** A media type, e.g. `video/mp4`. */
  readonly type: string | undefined;
  /** Bytes `[start, end)` as a fresh stream. */
  slice?(start: number, end: number): ReadableStream<Uint8Array>;
  /** The whole source, once, in order. */
  stream(): ReadableStream<Uint8Array>;
}

/** A Node.js `Readable` (or any async iterable of byte chunks), without importing `node:stream`. */
export interface NodeReadableLike extends AsyncIterable<Uint8Array | string> {
  pipe: unknown;
}

/** What `uploadClip` accepts from every runtime (the Node entry adds file paths). */
export type UploadInput =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | NodeReadableLike
  | UploadSource;

const CHUNK = 256 * 1024;

/** `bytes` as a stream of chunks of at most 256 KiB: a chunk is what moves, and is counted, at once. */
export function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      const end = Math.min(bytes.byteLength, at + CHUNK);
      controller.enqueue(bytes.subarray(at, end));
      at = end;
    },
  });
}

function iterableStream(iterable: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await iterator.next();
        if (done) return controller.close();
        controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function once(stream: () => ReadableStream<Uint8Array>): () => ReadableStream<Uint8Array> {
  let used = false;
  return () => {
    if (used) {
      throw new ClipKitValidationError(
        "source",
        "a stream source can be read only once; pass a Blob, bytes or a file path to allow re-sending it",
      );
    }
    used = true;
    return stream();
  };
}

export function isUploadSource(value: unknown): value is UploadSource {
  return typeof value === "object" && value !== null && UPLOAD_SOURCE in value;
}

/** Builds an `UploadSource` from any accepted input; `size` is needed for streams only. */
export function toUploadSource(
  input: UploadInput,
  hints: { size?: number | undefined; name?: string | undefined; type?: string | undefined } = {},
): UploadSource {
  if (isUploadSource(input)) return input;
  if (typeof Blob !== "undefined" && input instanceof Blob) {
    const file = input as Blob & { name?: string };
    return {
      [UPLOAD_SOURCE]: true,
      size: input.size,
      name: hints.name ?? (typeof file.name === "string" ? file.name : undefined),
      type: hints.type ?? (input.type || undefined),
      slice: (start, end) => input.slice(start, end).stream(),
      stream: () => input.stream(),
    };
  }
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    return {
      [UPLOAD_SOURCE]: true,
      size: bytes.byteLength,
      name: hints.name,
      type: hints.type,
      slice: (start, end) => bytesStream(bytes.subarray(start, end)),
      stream: () => bytesStream(bytes),
    };
  }
  if (typeof ReadableStream !== "undefined" && input instanceof ReadableStream) {
    return {
      [UPLOAD_SOURCE]: true,
      size: hints.size,
      name: hints.name,
      type: hints.type,
      stream: once(() => input),
    };
  }
  if (
    typeof input === "object" &&
    input !== null &&
    typeof (input as NodeReadableLike)[Symbol.asyncIterator] === "function"
  ) {
    return {
      [UPLOAD_SOURCE]: true,
      size: hints.size,
      name: hints.name,
      type: hints.type,
      stream: once(() => iterableStream(input as NodeReadableLike)),
    };
  }
  throw new ClipKitValidationError(
    "source",
    "expected a Blob, a Uint8Array/Buffer, a ReadableStream, a Node Readable (or a file path with @clipkit/zoom-clips/node)",
  );
}

/** The file types Zoom Clips takes (specs/zoom-clips.yaml: "Supported video formats: .mp4, .webm"). */
export const CLIP_FILE_TYPES: Readonly<Record<string, string>> = Object.freeze({
  mp4: "video/mp4",
  webm: "video/webm",
});

/** The media type for a clip's file name, `application/octet-stream` when it is not `.mp4` or `.webm`. */
export function mediaTypeFor(name: string | undefined): string {
  const extension = name?.includes(".") ? (name.split(".").pop()?.toLowerCase() ?? "") : "";
  return Object.hasOwn(CLIP_FILE_TYPES, extension)
    ? (CLIP_FILE_TYPES[extension] as string)
    : "application/octet-stream";
}
