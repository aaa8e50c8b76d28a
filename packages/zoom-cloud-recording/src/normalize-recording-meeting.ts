import type { components } from "./generated/schema.js";

type SpecMeeting = components["schemas"]["RecordingMeeting"];
/** Zoom's meeting types: 1–9 (meetings, webinars, audio conferences) and 99 (uploads). */
export type RecordingMeetingType = Extract<NonNullable<SpecMeeting["type"]>, number>;

/**
 * A recorded meeting as this package's helpers hand it out: `type` is always a number. Zoom's
 * seed examples send numbers, its published document strings; the spec accepts both.
 */
export type RecordingMeeting = Omit<SpecMeeting, "type"> & { type?: RecordingMeetingType };

/** Turns a string `type` ("2") into the number (2); every other field is left as Zoom sent it. */
export function normalizeRecordingMeeting<M extends Pick<SpecMeeting, "type">>(
  meeting: M,
): Omit<M, "type"> & { type?: RecordingMeetingType } {
  if (typeof meeting.type !== "string")
    return meeting as Omit<M, "type"> & { type?: RecordingMeetingType };
  return { ...meeting, type: Number(meeting.type) as RecordingMeetingType };
}
