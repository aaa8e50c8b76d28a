import { ClipKitValidationError, requestOptionHeaders, unwrap } from "@clipkit/core";
import {
  continueDownload,
  type Download,
  type DownloadProgress,
  REDIRECT_STATUSES,
} from "@clipkit/zoom-shared";
import type { Middleware } from "openapi-fetch";
import type { ZoomClipsClient } from "../client.js";

export type { Download, DownloadProgress };

import { hopFetch, type TransportOptions, ZOOM_CLIPS_VENDOR } from "../uploads/transport.js";

export interface DownloadClipOptions extends TransportOptions {
  /** Resume from this byte (`Range: bytes=<offset>-`); `start` tells whether the server did. */
  offset?: number;
  onProgress?: (progress: DownloadProgress) => void;
}

type LooseGet = (
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Starts downloading a clip's MP4: `GET /clips/{clipId}/download` answers 302 with the file's
 * URL, which is followed by hand — the `Authorization` header goes only to https Zoom hosts and
 * the client's own origins, never to a CDN or storage host. Resolves once the file's headers
 * are in, with its bytes as a web `ReadableStream` that errors if the body ends short.
 * (`@clipkit/zoom-clips/node` also writes it to a file, resumably.)
 */
export async function downloadClip(
  client: ZoomClipsClient,
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
  let captured: { url: string; headers: Headers; fetch: typeof fetch; baseUrl: string } | undefined;
  const capture: Middleware = {
    onRequest({ request, options: clientOptions }) {
      captured = {
        url: request.url,
        headers: new Headers(request.headers),
        fetch: clientOptions.fetch,
        baseUrl: clientOptions.baseUrl,
      };
      return undefined;
    },
  };
  const result = await (client.GET as unknown as LooseGet)("/clips/{clipId}/download", {
    params: { path: { clipId } },
    parseAs: "stream",
    redirect: "manual",
    headers: {
      ...requestOptionHeaders({ maxRetries: 2 }),
      "Accept-Encoding": "identity",
      ...(offset > 0 ? { Range: `bytes=${offset}-` } : {}),
    },
    ...(options.signal ? { signal: options.signal } : {}),
    middleware: [capture],
  });
  const { response } = result;
  if (!captured || (!response.ok && !REDIRECT_STATUSES.has(response.status))) {
    await unwrap(Promise.resolve(result), ZOOM_CLIPS_VENDOR);
  }
  const first = captured as NonNullable<typeof captured>;
  const trustedOrigins = [new URL(first.url).origin, new URL(first.baseUrl).origin];
  // The first request's headers without the hop-specific ones; the hops add their own.
  const headers = new Headers(first.headers);
  for (const name of ["range", "accept-encoding"]) headers.delete(name);
  return continueDownload(response, first.url, {
    fetch: hopFetch(first, trustedOrigins, options),
    headers,
    trustedOrigins,
    offset,
    vendor: ZOOM_CLIPS_VENDOR,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
  });
}
