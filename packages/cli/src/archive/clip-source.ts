import { type Clip, unwrap, type ZoomClipsClient } from "@clipkit/zoom-clips";
import { downloadClip } from "@clipkit/zoom-clips/node";
import { dateWindows } from "@clipkit/zoom-cloud-recording";
import type { ArchiveUser } from "./account-users.js";
import { clipPath, isClipPath } from "./layout.js";
import type { ArchiveGroup, ArchiveItem, ArchiveSource } from "./source.js";

/** One clip to archive (its own group: `--trash-after` deletes it alone). */
export interface PlannedClip extends ArchiveItem {
  clip: Clip & { clip_id: string };
}

/** Only a clip Zoom finished processing can be downloaded (others answer 400, code 50002). */
const READY = "RECORD_SUCCESS";

/** The manifest's `recordingType` of a clip: what tells clips from recording files there. */
export const CLIP_RECORDING_TYPE = "clip";

export function plannedClip(user: string, clip: Clip & { clip_id: string }): PlannedClip {
  return {
    id: clip.clip_id,
    user,
    path: clipPath(user, clip),
    size: clip.file_size,
    describes: {
      meetingUuid: clip.clip_id,
      meetingId: undefined,
      topic: clip.title ?? "",
      startTime: clip.created_date,
      fileType: "MP4",
      recordingType: CLIP_RECORDING_TYPE,
    },
    clip,
  };
}

/**
 * Every clip each user created from `from` to `to`: `GET /clips?user_id=…` (Zoom takes a
 * range of at most a month, and without one lists only the current day), a window a month
 * at a time through `client.paginate`, each clip once. What a user has is handed to `onUser`
 * and not kept here.
 */
export async function listClips(
  client: ZoomClipsClient,
  options: {
    users: ArchiveUser[];
    from: string;
    to: string;
    signal?: AbortSignal;
    /** Called (and waited for) as each user's listing ends, with what it found. */
    onUser: (user: ArchiveUser, found: ArchiveGroup<PlannedClip>[]) => void | Promise<void>;
  },
): Promise<void> {
  const seen = new Set<string>();
  for (const archiveUser of options.users) {
    const groups: ArchiveGroup<PlannedClip>[] = [];
    for (const window of dateWindows(options.from, options.to)) {
      const clips = client.paginate("/clips", {
        query: {
          user_id: archiveUser.id,
          date_filter_type: "CREATED_DATE",
          from: `${window.from}T00:00:00Z`,
          to: `${window.to}T23:59:59Z`,
          page_size: 300,
        },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for await (const clip of clips) {
        if (!clip.clip_id || seen.has(clip.clip_id)) continue;
        seen.add(clip.clip_id);
        const item = plannedClip(archiveUser.name, { ...clip, clip_id: clip.clip_id });
        const ready = clip.status === READY;
        groups.push({
          id: clip.clip_id,
          title: clip.title ?? "",
          files: ready ? [item] : [],
          notDownloadable: ready ? 0 : 1,
        });
      }
    }
    await options.onUser(archiveUser, groups);
  }
}

/**
 * Zoom Clips of users over `from`..`to`: downloaded with `downloadClip` on the client's own
 * lifecycle (its retries, its credential policy: never a credential to the CDN), and
 * `--trash-after` deletes a clip (Zoom's soft delete) once it is verified.
 */
export function clipSource(
  client: ZoomClipsClient,
  range: { from: string; to: string },
): ArchiveSource<PlannedClip> {
  return {
    list: ({ users, signal, onUser }) => listClips(client, { users, ...range, signal, onUser }),
    downloads: {
      toFile: (item, destination, { signal, onProgress, freshFolder }) =>
        downloadClip(client, item.id, destination, { signal, onProgress, freshFolder }),
      stream: (item, { signal }) => downloadClip(client, item.id, { stream: true, signal }),
    },
    holds: isClipPath,
    async trash(group, signal) {
      await unwrap(
        client.DELETE("/clips/{clipId}", { params: { path: { clipId: group.id } }, signal }),
      );
    },
  };
}
