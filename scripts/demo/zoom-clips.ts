import {
  createZoomClipsClient,
  PaginationLoopError,
  TransferFailedError,
  transferClips,
  unwrap,
  waitForTransfer,
} from "@clipkit/zoom-clips";
import type { DemoFlow } from "./flows.ts";

export const zoomClipsFlow: DemoFlow = {
  title: "Zoom Clips: list every clip, read one, transfer it and wait for the task",
  spec: "zoom-clips",
  async run(baseUrl, print) {
    // The mock serves both hosts; the client still routes uploads to fileBaseUrl.
    const zoom = createZoomClipsClient({ auth: "demo-token", baseUrl, fileBaseUrl: baseUrl });

    const clipIds: string[] = [];
    try {
      for await (const clip of zoom.paginate("/clips", { query: { page_size: 30 } })) {
        clipIds.push(clip.clip_id ?? "");
        print(
          `clip ${clip.clip_id} "${clip.title}" ${clip.status}, ${clip.duration} s, tags ${clip.tags?.join(",")}`,
        );
      }
    } catch (error) {
      // A mock answers every page with the same next_page_token; the paginator refuses to loop.
      if (!(error instanceof PaginationLoopError)) throw error;
      print(`stopped after ${clipIds.length} clip(s): the mock repeats its next_page_token`);
    }

    const clipId = clipIds[0] ?? "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ";
    const clip = await unwrap(zoom.GET("/clips/{clipId}", { params: { path: { clipId } } }));
    print(
      `get ${clip.clip_id}: "${clip.title}" owned by ${clip.owner_id}, ${clip.file_size} bytes, share ${clip.share_link_settings?.share_scope}`,
    );

    const { task_id } = await transferClips(zoom, {
      source_owner_user_id: "user_123",
      target_owner_user_id: "user_234",
      transfer_type: "PARTIAL_TRANSFER",
      clip_id_list: [clipId],
    });
    print(`transfer started: task ${task_id}`);
    try {
      const task = await waitForTransfer(zoom, task_id, {
        intervalMs: 200,
        timeoutMs: 10_000,
        onPoll: (polled) => print(`task ${task_id}: ${polled.status}`),
      });
      print(`transfer ${task_id} finished: ${task.status}`);
    } catch (error) {
      // The spec's example task is a FAILED one, so the mock always ends here.
      if (!(error instanceof TransferFailedError)) throw error;
      print(`transfer failed as the mock's example says: ${error.message}`);
    }
  },
};
