import {
  createDraftClip,
  createUplynkClippingClient,
  listDraftClips,
  waitForClip,
} from "@clipkit/uplynk-clipping";
import type { DemoFlow } from "./flows.ts";

export const uplynkFlow: DemoFlow<"uplynk-clipping"> = {
  title: "Uplynk Clipping: create a draft clip, list drafts, wait for the clip made from it",
  spec: "uplynk-clipping",
  fake: { clipPolls: 2 },
  async run(mock, print) {
    const uplynk = mock.client(createUplynkClippingClient);
    const draft = await createDraftClip(uplynk, {
      beam: "0123456789abcdefghijklmnopqrstuv",
      title: "My Clip",
      start: 55_000,
      duration: 10,
    });
    print(
      `created draft ${draft.id} (${draft["@id"]}), 10 s from 55 s into the asset, signed with msg/sig`,
    );

    let drafts = 0;
    for await (const item of listDraftClips(uplynk)) {
      drafts++;
      print(
        `draft ${item.id} "${item.title}": ${item.frame_start_time}s to ${item.frame_stop_time}s of ${item.beam}`,
      );
    }
    print(`${drafts} draft${drafts === 1 ? "" : "s"}`);

    const clip = await waitForClip(uplynk, draft.id, { intervalMs: 200, timeoutMs: 10_000 });
    print(`clip ${clip.id} made from draft ${clip.draft_id}: done, asset ${clip.asset}`);
  },
};
