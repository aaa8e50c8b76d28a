import { createZoomClipsClient, transferClips, unwrap, waitForTransfer } from "@clipkit/zoom-clips";
import type { DemoFlow } from "./flows.ts";

export const zoomClipsFlow: DemoFlow<"zoom-clips"> = {
  title: "Zoom Clips: list every clip, read one, transfer it and wait for the task",
  spec: "zoom-clips",
  fake: { users: 2, clipsPerUser: 34, transferPolls: 2 },
  async run(mock, print) {
    const zoom = mock.client(createZoomClipsClient);

    const clipIds: string[] = [];
    let pages = 0;
    for await (const page of zoom
      .paginate("/clips", { query: { user_id: "me", page_size: 30 } })
      .pages()) {
      pages++;
      for (const clip of page.data ?? []) {
        clipIds.push(clip.clip_id ?? "");
        if (clipIds.length <= 3) {
          print(
            `clip ${clip.clip_id} "${clip.title}" ${clip.status}, ${clip.duration} s, tags ${clip.tags?.join(",")}`,
          );
        }
      }
    }
    print(`${clipIds.length} clips listed over ${pages} pages`);

    const clipId = clipIds[0] ?? "";
    const clip = await unwrap(zoom.GET("/clips/{clipId}", { params: { path: { clipId } } }));
    print(
      `get ${clip.clip_id}: "${clip.title}" owned by ${clip.owner_id}, ${clip.file_size} bytes, share ${clip.share_link_settings?.share_scope}`,
    );

    const [source, target] = mock.fake?.state.users ?? [];
    const { task_id } = await transferClips(zoom, {
      source_owner_user_id: source?.id ?? "",
      target_owner_user_id: target?.email ?? "",
      transfer_type: "PARTIAL_TRANSFER",
      clip_id_list: [clipId],
    });
    print(`transfer started: task ${task_id}`);
    const task = await waitForTransfer(zoom, task_id, {
      intervalMs: 200,
      timeoutMs: 10_000,
      onPoll: (polled) => print(`task ${task_id}: ${polled.status}`),
    });
    print(`transfer ${task_id} finished: ${task.status}`);
    const moved = await unwrap(zoom.GET("/clips/{clipId}", { params: { path: { clipId } } }));
    print(`clip ${clipId} now owned by ${moved.owner_id}`);
  },
};
