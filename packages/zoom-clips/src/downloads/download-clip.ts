import { ClipKitValidationError, type DownloadProgress, withRequestOptions } from "@clipkit/core";
import { continueDownload, type Download, pipelineOf } from "@clipkit/core/internal";
import type { LeanZoomClipsClient } from "../lean-client.js";

export type { Download, DownloadProgress };

export interface DownloadClipOptions {
  signal?: AbortSignal | undefined;
  /** Resume from this byte (`Range: bytes=<offset>-`); `start` tells whether the server did. */
  offset?: number;
  /** The `validator` of the download `offset` continues: sent as `If-Range`, so a changed file comes whole. */
  validator?: string | undefined;
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Redirects followed. Default 5. */
  maxRedirects?: number | undefined;
}

type LooseGet = (
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Starts downloading a clip's MP4: `GET /clips/{clipId}/download` answers 302 with the file's
 * URL, which is followed by hand on the client's lifecycle — credentials only where the
 * client's credential policy allows (its own origins, https Zoom hosts), never a CDN.
 * Resolves once the file's headers are in, with its bytes as a web `ReadableStream` that
 * resumes itself after a broken connection and errors if the body ends short.
 * (`@clipkit/zoom-clips/node` also writes it to a file, resumably.)
 */
export async function downloadClip(
  client: LeanZoomClipsClient,
  clipId: string,
  options: DownloadClipOptions & { stream: true },
): Promise<Download> {
  if (typeof clipId !== "string" || clipId.trim() === "") {
    throw new ClipKitValidationError("clipId", "give the ID of the clip to download");
  }
  const offset = options.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new ClipKitValidationError("offset", `expected a whole number ≥ 0, got ${offset}`);
  }
  const headers: Record<string, string> = { "Accept-Encoding": "identity" };
  if (offset > 0) headers.Range = `bytes=${offset}-`;
  if (offset > 0 && options.validator) headers["If-Range"] = options.validator;
  // A Location is resolved against the URL the request went to: `response.url` is "" on an
  // answer a caller's fetch built with `new Response` (mocks, wrappers).
  let requestUrl = "";
  const result = await (client.GET as unknown as LooseGet)(
    "/clips/{clipId}/download",
    withRequestOptions(
      {
        params: { path: { clipId } },
        parseAs: "stream",
        redirect: "manual",
        headers,
        middleware: [
          {
            onResponse({ request }: { request: Request }) {
              requestUrl = request.url;
            },
          },
        ],
        ...(options.signal ? { signal: options.signal } : {}),
      },
      { stream: true },
    ),
  );
  // An error answer is thrown as its typed ApiError by continueDownload, like any other.
  const { response } = result;
  return continueDownload(pipelineOf(client), response, requestUrl, {
    offset,
    validator: options.validator,
    signal: options.signal,
    onProgress: options.onProgress,
    maxRedirects: options.maxRedirects,
  });
}
