import type { LeanZoomClipsClient } from "../lean-client.js";
import { requiredString, sendFileRequest } from "./file-request.js";
import { formDataStream } from "./form-data.js";
import { bodyRequestOptions, type Plan } from "./plan.js";
import type { UploadClipOptions, UploadClipResult } from "./upload-clip.js";

/**
 * One `POST /clips/files`. A source that can be read again (file, Blob, bytes) is re-sent on
 * a retry or a redirect; a stream cannot be. It is a POST that creates a clip: 5xx, 408 and
 * connection failures are retried only with `retryPost` (429 always: it was not processed).
 */
export async function uploadSingle(
  client: LeanZoomClipsClient,
  plan: Plan,
  options: UploadClipOptions,
): Promise<UploadClipResult> {
  const size = plan.size as number;
  let sent = 0;
  const answer = await sendFileRequest(client, {
    path: "/clips/files",
    replayable: plan.source.slice !== undefined,
    signal: options.signal,
    options: bodyRequestOptions(plan),
    route: { maxRedirects: options.maxRedirects, redirected: false },
    body: () => {
      sent = 0;
      return formDataStream(
        {},
        {
          field: "file",
          filename: plan.fileName,
          type: plan.contentType,
          size,
          stream: plan.source.slice ? plan.source.slice(0, size) : plan.source.stream(),
          onBytes: (n) => {
            sent += n;
            options.onProgress?.({ bytesSent: sent, totalBytes: size });
          },
        },
      );
    },
  });
  return { clip_id: requiredString(answer, ["clip_id"]) };
}
