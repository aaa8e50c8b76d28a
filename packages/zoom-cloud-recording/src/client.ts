import { createApiClient, type Paginated, toAuthProvider } from "@clipkit/core";
import { paginator, requestValidation } from "@clipkit/core/internal";
import { ZOOM_API_BASE_URL, type ZoomClientOptions, zoomVendor } from "@clipkit/zoom-shared";
import type { Client } from "openapi-fetch";
import { requestSchemas } from "./generated/limits.js";
import type { components, operations, paths } from "./generated/schema.js";
import { zoomPathSerializer } from "./meeting-path.js";
import { RECORDING_REQUEST_RULES } from "./request-rules.js";
import { PACKAGE_NAME, VERSION } from "./version.js";

export const DEFAULT_BASE_URL = ZOOM_API_BASE_URL;
export { PACKAGE_NAME, VERSION };

export type ZoomCloudRecordingClientOptions = ZoomClientOptions;

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

export interface ZoomCloudRecordingClient extends Client<paths> {
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
 * retries, timeouts, token refresh on Zoom's code 124, typed errors through `unwrap`.
 */
export function createZoomCloudRecordingClient(
  options: ZoomCloudRecordingClientOptions,
): ZoomCloudRecordingClient {
  const { auth, baseUrl, ...clientOptions } = options;
  const client = createApiClient<paths>({
    ...clientOptions,
    baseUrl: baseUrl ?? DEFAULT_BASE_URL,
    auth: toAuthProvider(auth),
    vendor: zoomVendor(PACKAGE_NAME, VERSION),
    // Meeting UUIDs that begin with "/" or hold "//" are double-encoded, as Zoom requires.
    pathSerializer: zoomPathSerializer,
    // One table names each operation's scopes (MissingScopesError) and rate-limit category,
    // and checks each request before the runtime's fetch: a request that breaks the spec's
    // limits never gets a token.
    operations: requestSchemas,
    validation: requestValidation(RECORDING_REQUEST_RULES),
  });
  // Opt-in: paces each attempt by its operation's rate-limit category.
  options.governor?.govern(client);
  return Object.assign(client, {
    paginate: paginator(client, LIST_ROUTES),
  }) as unknown as ZoomCloudRecordingClient;
}
