import { requestValidation } from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import type { components, operations } from "./generated/schema.js";
import {
  buildRecordingClient,
  type LeanZoomCloudRecordingClient,
  type ZoomCloudRecordingClientOptions,
} from "./lean-client.js";
import { type RecordingsPaginate, withPaginate } from "./paginate.js";
import { RECORDING_REQUEST_RULES } from "./request-rules.js";

type ListQuery = NonNullable<operations["listRecordings"]["parameters"]["query"]>;
export type RecordingsPage = components["schemas"]["RecordingList"];
/** A meeting as the API sends it (`type` a number or a string); see `normalizeRecordingMeeting`. */
export type ListedRecordingMeeting = components["schemas"]["RecordingMeeting"];

/** Options of `paginate("/users/{userId}/recordings")`: one window of at most a month. */
export interface PaginateRecordingsOptions {
  path: { userId: string };
  query?: Omit<ListQuery, "next_page_token">;
  signal?: AbortSignal;
  /** Resume from this `next_page_token` (the last page's). */
  startToken?: string;
}

export interface ZoomCloudRecordingClient
  extends LeanZoomCloudRecordingClient,
    RecordingsPaginate {}

/**
 * A typed openapi-fetch client for the Zoom Cloud Recording API, on the shared runtime:
 * retries, timeouts, token refresh on Zoom's code 124, typed errors through `unwrap`, with
 * `paginate`. Each request is checked against the spec before the runtime's fetch: a request
 * that breaks the spec's limits never gets a token. `@clipkit/zoom-cloud-recording/lean`
 * builds the same client without the checks and `paginate`.
 */
export function createZoomCloudRecordingClient(
  options: ZoomCloudRecordingClientOptions,
): ZoomCloudRecordingClient {
  return withPaginate(
    buildRecordingClient(options, requestValidation(requestSchemas, RECORDING_REQUEST_RULES)),
  );
}
