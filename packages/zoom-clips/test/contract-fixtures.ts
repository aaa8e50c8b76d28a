import { strictFetch } from "@clipkit/contract-harness";
import { createZoomClipsClient, multipartBody, type ZoomClipsClient } from "../src/index.js";

/** A client pointed at Prism (API and file host), with Prism's request validator as a tripwire. */
export function prismClient(
  prismUrl: string,
  prefer?: string,
  seen: string[] = [],
): ZoomClipsClient {
  const withPrefer: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    if (prefer) request.headers.set("Prefer", prefer);
    seen.push(`${request.method} ${request.url}`);
    return fetch(request);
  };
  return createZoomClipsClient({
    auth: "test-token",
    baseUrl: prismUrl,
    // Another origin for the same Prism, so tests can see the uploads being routed there.
    fileBaseUrl: prismUrl.replace("127.0.0.1", "localhost"),
    fetch: strictFetch(withPrefer),
    // Forced 429s and 5xx must reach the test as they are, not be retried.
    maxRetries: 0,
  });
}

export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const clipId = "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ";
const uploadContext =
  "noNpr2pkBEv4_fTxYWDEHBsSs3pl8keRx4fPZmnyNDe.SPdodJp.3UZDaCI2xRVzkRh0xeEV6RuOrXZpJQBPutWCS424c2YnHVxVh8b9.4DNwd4VErRuD98jeJBwRCgz6rC3I4NQg5zXAtCqPFoC0g--";
export const mp4Bytes = new Uint8Array([
  0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32, 0xff, 0x00, 0x80,
]);

/**
 * One valid request per operation, using every documented parameter. The contract test
 * fails for an operation of the spec that has no entry here.
 */
export const calls: Record<
  string,
  (client: ZoomClipsClient, example?: string) => Promise<CallResult>
> = {
  listClips: (client) =>
    client.GET("/clips", {
      params: {
        query: {
          user_id: "me",
          search_key: "Clip-20250303",
          date_filter_type: "CREATED_DATE",
          from: "2024-03-08T16:00:00Z",
          to: "2024-03-09T16:00:00Z",
          status: "RECORD_SUCCESS",
          page_size: 30,
          next_page_token: "IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2",
        },
      },
    }),
  listAccountClips: (client) =>
    client.GET("/accounts/{accountId}/clips", {
      params: {
        path: { accountId: "TQTvjT52Tmi_wrhASNNOEw" },
        query: {
          user_id: "someone@example.com",
          search_key: "demo",
          date_filter_type: "MODIFIED_DATE",
          from: "2024-03-08T16:00:00Z",
          to: "2024-03-09T16:00:00Z",
          status: "RECORD_END",
          page_size: 300,
          next_page_token: "R4aF9Oj0fVM2hhezJTEmSKaBSkfesDwGy42",
        },
      },
    }),
  getClip: (client) => client.GET("/clips/{clipId}", { params: { path: { clipId } } }),
  updateClip: (client) =>
    client.PATCH("/clips/{clipId}", {
      params: { path: { clipId } },
      body: { title: "test-open-api", description: "test-open-api-desc", tags: ["testTag"] },
    }),
  deleteClip: (client) => client.DELETE("/clips/{clipId}", { params: { path: { clipId } } }),
  listClipCollaborators: (client) =>
    client.GET("/clips/{clipId}/collaborators", {
      params: {
        path: { clipId },
        query: { page_size: 30, next_page_token: "INg1ogDUtBxsvlBiDnZQ8Ik0qpK4XaCjg22" },
      },
    }),
  deleteClipCollaborator: (client) =>
    client.DELETE("/clips/{clipId}/collaborators", {
      params: {
        path: { clipId },
        query: {
          user_key: "devint_test_clips@dispostable.com",
          channel_id: "89ee18f39cdc4fdab327ae9ebb4ffb6b",
        },
      },
    }),
  listClipComments: (client) =>
    client.GET("/clips/{clipId}/comments", {
      params: {
        path: { clipId },
        query: { page_size: 15, next_page_token: "d0csbC3glWlDxlBYP2YcyXox01QHyiwhPg2" },
      },
    }),
  deleteClipComment: (client) =>
    client.DELETE("/clips/{clipId}/comments/{commentId}", {
      params: { path: { clipId, commentId: "a16eb597-90ed-4e70-8475-4f1e0022c8a7" } },
    }),
  // The 302 must reach the caller: no redirect following here.
  downloadClip: (client) =>
    client.GET("/clips/{clipId}/download", {
      params: { path: { clipId } },
      redirect: "manual",
      parseAs: "stream",
    }),
  createClipTransfer: (client) =>
    client.POST("/clips/transfers", {
      body: {
        source_owner_user_id: "user_123",
        target_owner_user_id: "user_234",
        transfer_type: "PARTIAL_TRANSFER",
        clip_id_list: ["clip_id_123"],
      },
    }),
  getClipTransferTask: (client) =>
    client.GET("/clips/transfers/{taskId}", { params: { path: { taskId: "task_id_123" } } }),
  uploadClipFile: (client) =>
    client.POST(
      "/clips/files",
      multipartBody({ file: new Blob([mp4Bytes], { type: "video/mp4" }) }),
    ),
  uploadClipFilePart: (client) =>
    client.POST(
      "/clips/files/multipart",
      multipartBody({
        file: new Blob([mp4Bytes], { type: "application/octet-stream" }),
        part_number: 10,
        upload_context: uploadContext,
      }),
    ),
  sendClipMultipartUploadEvent: (client, example) =>
    client.POST("/clips/files/multipart/upload_events", {
      body:
        example === "completed"
          ? {
              method: "CompleteMultipartUpload",
              params: {
                upload_context: uploadContext,
                part_number_etags: [
                  { part_number: 1, etag: "etag1" },
                  { part_number: 2, etag: "etag2" },
                ],
              },
            }
          : { method: "CreateMultipartUpload", params: { file_name: "demo.mp4" } },
    }),
};
