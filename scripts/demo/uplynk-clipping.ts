import {
  createDraftClip,
  createUplynkClippingClient,
  listClips,
  listDraftClips,
  unwrap,
} from "@clipkit/uplynk-clipping";
import type { DemoFlow } from "./flows.ts";

export const uplynkFlow: DemoFlow = {
  title: "Uplynk Clipping: create a draft clip, list drafts, read the clip made from it",
  spec: "uplynk-clipping",
  async run(baseUrl, print) {
    const uplynk = createUplynkClippingClient({
      owner: "demo-owner",
      apiKey: "demo-api-key",
      baseUrl,
    });
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
    print(`${drafts} drafts`);

    let clipId: string | undefined;
    for await (const clip of listClips(uplynk, { draftId: "3b5cd277915c4c0cb0aea542ce42b5f2" })) {
      clipId = clip.id;
      print(`clip ${clip.id} listed for draft ${clip.draft_id}`);
    }
    if (!clipId) throw new Error("no clip listed for the draft");
    const info = await unwrap(
      uplynk.GET("/clip/draft_info/{id}", { params: { path: { id: clipId } } }),
    );
    print(
      `clip info ${info.id}: ${info.is_complete ? `done, asset ${info.asset}` : "asset still being created"}`,
    );
  },
};
