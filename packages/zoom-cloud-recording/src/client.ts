import type { Paginated } from "@clipkit/core";
import { paginator, requestValidation } from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import type { components, operations } from "./generated/schema.js";
import {
  buildRecordingClient,
  type LeanZoomCloudRecordingClient,
  type ZoomCloudRecordingClientOptions,
} from "./lean-client.js";
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

export interface ZoomCloudRecordingClient extends LeanZoomCloudRecordingClient {
  /**
   * Every recorded meeting of one listing window, following `next_page_token`; `.pages()`
   * for whole pages. For ranges longer than a month use `listAllRecordings`, built on this.
   */
  paginate(
    path: "/users/{userId}/recordings",
    options: PaginateRecordingsOptions,
  ): Paginated<RecordingsPage, ListedRecordingMeeting>;
}

const LIST_ROUTES = {
  "/users/{userId}/recordings": {
    items: (page: RecordingsPage) => page.meetings,
    nextToken: (page: RecordingsPage) => page.next_page_token,
  },
};

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
  const client = buildRecordingClient(
    options,
    requestValidation(requestSchemas, RECORDING_REQUEST_RULES),
  );
  return Object.assign(client, {
    paginate: paginator(client, LIST_ROUTES),
  }) as unknown as ZoomCloudRecordingClient;
}
