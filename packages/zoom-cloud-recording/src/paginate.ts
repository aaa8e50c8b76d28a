import type { Paginated } from "@clipkit/core";
import { paginator } from "@clipkit/core/internal";
import type {
  ListedRecordingMeeting,
  PaginateRecordingsOptions,
  RecordingsPage,
} from "./client.js";
import type { LeanZoomCloudRecordingClient } from "./lean-client.js";

export interface RecordingsPaginate {
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
 * Gives a Cloud Recording client `paginate`: the main entry's client has it already; a
 * `./lean` client gets it only where this is imported, so pagination and the request checks
 * are paid for apart.
 */
export function withPaginate<C extends LeanZoomCloudRecordingClient>(
  client: C,
): C & RecordingsPaginate {
  return Object.assign(client, {
    paginate: paginator(client, LIST_ROUTES),
  }) as unknown as C & RecordingsPaginate;
}
