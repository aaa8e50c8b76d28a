import { AbortError, ClipKitValidationError } from "@clipkit/core";
import type { LeanZoomClipsClient } from "../lean-client.js";
import {
  type FileRequest,
  requiredString,
  sendFileRequest,
  type UploadRoute,
} from "./file-request.js";
import { sendParts } from "./part-pool.js";
import { partsOf } from "./parts.js";
import type { Plan } from "./plan.js";
import { type MultipartUploadState, partsToComplete } from "./state.js";
import type { UploadClipOptions, UploadClipResult } from "./upload-clip.js";

const EVENTS = "/clips/files/multipart/upload_events";

/** A request of the upload-events operation (create, complete): a small JSON body. */
function event(
  plan: Plan,
  options: UploadClipOptions,
  route: UploadRoute,
  value: unknown,
): FileRequest {
  return {
    path: EVENTS,
    body: () => ({ body: JSON.stringify(value), contentType: "application/json" }),
    replayable: true,
    signal: options.signal,
    options: plan.requestOptions,
    route,
  };
}

/**
 * A multipart upload: the first part is read before anything is created (an empty source
 * sends nothing), then CreateMultipartUpload (unless resuming), the parts, and
 * CompleteMultipartUpload once every part from 1 to the last has its etag — never after an
 * abort or a part that failed for good (the last state resumes it).
 */
export async function uploadMultipart(
  client: LeanZoomClipsClient,
  plan: Plan,
  options: UploadClipOptions,
): Promise<UploadClipResult> {
  const route: UploadRoute = { maxRedirects: options.maxRedirects, redirected: false };
  const parts = partsOf(plan);
  const first = await parts();
  if (!first) throw new ClipKitValidationError("source", "the source is empty");
  let head: typeof first | undefined = first;
  const nextPart = () => {
    const part = head;
    head = undefined;
    return part ? Promise.resolve(part) : parts();
  };

  const state = options.resume
    ? structuredClone(options.resume)
    : await createUpload(client, plan, options, route);
  const { done, total } = await sendParts({ client, plan, options, route, state, nextPart });
  if (options.signal?.aborted) {
    throw new AbortError("the upload was aborted; resume it with the last state", {
      cause: options.signal.reason,
    });
  }
  const answer = await sendFileRequest(
    client,
    event(plan, options, route, {
      method: "CompleteMultipartUpload",
      params: {
        upload_context: state.uploadContext,
        part_number_etags: partsToComplete(done, total),
      },
    }),
  );
  return { clip_id: requiredString(answer, ["clip_id"]) };
}

async function createUpload(
  client: LeanZoomClipsClient,
  plan: Plan,
  options: UploadClipOptions,
  route: UploadRoute,
): Promise<MultipartUploadState> {
  const answer = await sendFileRequest(
    client,
    event(plan, options, route, {
      method: "CreateMultipartUpload",
      params: { file_name: plan.fileName },
    }),
  );
  const state: MultipartUploadState = {
    version: 1,
    uploadContext: requiredString(answer, ["upload_context"]),
    fileName: plan.fileName,
    partSize: plan.partSize,
    totalSize: plan.size ?? null,
    createdAt: new Date().toISOString(),
    parts: [],
  };
  options.onStateChange?.(structuredClone(state));
  return state;
}
