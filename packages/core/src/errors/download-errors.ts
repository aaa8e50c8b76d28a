import { ClipKitError } from "./clipkit-error.js";

/** The body ended before (or ran past) the length the server announced. */
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

/**
 * The file changed between two requests of one download (its `If-Range` validator no longer
 * matched): the bytes already received cannot be continued. Start again from byte 0.
 */
export class DownloadChangedError extends ClipKitError {
  override name = "DownloadChangedError";
}
