import { assertOk, ResponseParseError } from "@clipkit/core";

import type { LeanZoomClipsClient } from "../lean-client.js";
import { bare, type FileHostRequest, sendToFileHost } from "./file-route.js";

export type { BodyFactory, UploadRoute } from "./file-route.js";

/** One request of an upload helper: an operation's path on the client's `fileBaseUrl`. */
export interface FileRequest extends Omit<FileHostRequest, "url"> {
  /** The operation's path on the client's `fileBaseUrl`, e.g. `/clips/files`. */
  path: string;
}

export interface FileAnswer {
  /** The parsed JSON of the 2xx answer. */
  data: unknown;
  status: number;
  contentType: string | undefined;
  what: string;
}

/**
 * Sends one request of an upload helper on the file host's one route (file-route.ts) and
 * throws the typed `ApiError` for an error answer: helpers work with the parsed 2xx JSON.
 */
export async function sendFileRequest(
  client: LeanZoomClipsClient,
  request: FileRequest,
): Promise<FileAnswer> {
  const { response, url } = await sendToFileHost(client, {
    ...request,
    url: client.fileBaseUrl + request.path,
  });
  await assertOk(response);
  const what = `POST ${bare(url)}`;
  const contentType = response.headers.get("content-type") ?? undefined;
  // The lifecycle buffered the answer: a body that is not JSON throws its ResponseParseError.
  const data: unknown = await response.json();
  return { data, status: response.status, contentType, what };
}

/**
 * The non-empty string at `path` in a 2xx answer, or a `ResponseParseError` naming what the
 * answer lacks (the API documents the field; without it the upload cannot go on).
 */
export function requiredString(answer: FileAnswer, path: readonly string[]): string {
  let value: unknown = answer.data;
  for (const key of path) {
    value =
      typeof value === "object" && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  if (typeof value === "string" && value !== "") return value;
  throw new ResponseParseError(
    `${answer.what} answered ${answer.status} without ${path.join(".")}`,
    answer.status,
    answer.contentType,
    undefined,
  );
}
