import { ClipKitError } from "@clipkit/core";

/**
 * The upload's own source failed while it was read (a file that could not be read, a stream
 * that errored): not the network's fault, so the request is not retried. `cause` holds the
 * source's error.
 */
export class UploadSourceError extends ClipKitError {
  override name = "UploadSourceError";
}
