import type { LeanZoomClipsClient } from "../lean-client.js";
import { requiredString, sendFileRequest, type UploadRoute } from "./file-request.js";
import { formDataStream } from "./form-data.js";
import type { NextPart, Part } from "./parts.js";
import { bodyRequestOptions, type Plan } from "./plan.js";
import type { MultipartUploadState } from "./state.js";
import type { UploadClipOptions } from "./upload-clip.js";

export interface PartRun {
  client: LeanZoomClipsClient;
  plan: Plan;
  options: UploadClipOptions;
  route: UploadRoute;
  /** Updated in place as parts finish; a copy goes to `onStateChange` each time. */
  state: MultipartUploadState;
  nextPart: NextPart;
}

/**
 * Sends every part the state does not hold yet, at most `concurrency` at once, and returns
 * the etags by part number with the number of the last part. After a part fails for good
 * (its retries spent, a broken source, an abort) no new part starts; the parts in flight may
 * finish and are kept in the state for a resume; the first failure is thrown.
 */
export async function sendParts(
  run: PartRun,
): Promise<{ done: Map<number, string>; total: number }> {
  const { plan, options, state } = run;
  const done = new Map(state.parts.map((part) => [part.part_number, part.etag]));
  const inFlight = new Map<number, number>();
  let completedBytes = 0;
  const report = () => {
    let sent = completedBytes;
    for (const bytes of inFlight.values()) sent += bytes;
    options.onProgress?.({ bytesSent: sent, totalBytes: plan.size });
  };
  let failure: { error: unknown } | undefined;
  let total = 0;

  const finished = (part: Part, etag?: string) => {
    inFlight.delete(part.number);
    completedBytes += part.size;
    if (etag !== undefined) {
      done.set(part.number, etag);
      state.parts = [...done]
        .sort(([a], [b]) => a - b)
        .map(([part_number, etag]) => ({ part_number, etag }));
    }
    report();
    if (etag !== undefined) options.onStateChange?.(structuredClone(state));
  };

  const worker = async () => {
    while (!options.signal?.aborted && failure === undefined) {
      let part: Part | undefined;
      try {
        part = await run.nextPart();
        if (!part) return;
        total = Math.max(total, part.number);
        if (done.has(part.number)) finished(part);
        else finished(part, await sendPart(run, part, inFlight, report));
      } catch (error) {
        if (part) inFlight.delete(part.number);
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  if (failure) throw failure.error;
  return { done, total };
}

/** One part, retried by the client's rules: a part sent again replaces itself, so 5xx and resets are retried too. */
async function sendPart(
  run: PartRun,
  part: Part,
  inFlight: Map<number, number>,
  report: () => void,
): Promise<string> {
  const { plan, state } = run;
  const answer = await sendFileRequest(run.client, {
    path: "/clips/files/multipart",
    replayable: true,
    signal: run.options.signal,
    options: bodyRequestOptions(plan, { retryPost: true }),
    route: run.route,
    body: () => {
      inFlight.set(part.number, 0);
      return formDataStream(
        { upload_context: state.uploadContext, part_number: String(part.number) },
        {
          field: "file",
          filename: plan.fileName,
          type: "application/octet-stream",
          size: part.size,
          stream: part.body(),
          onBytes: (n) => {
            inFlight.set(part.number, (inFlight.get(part.number) ?? 0) + n);
            report();
          },
        },
      );
    },
  });
  return requiredString(answer, ["part_number_etag", "etag"]);
}
