import { describe, expect, it } from "vitest";
import { normalizeRecordingMeeting } from "../src/normalize-recording-meeting.js";

describe("normalizeRecordingMeeting", () => {
  it.each([
    // given type → want type
    ["1", 1],
    ["99", 99],
    [8, 8],
    [undefined, undefined],
  ] as const)("%s becomes %s", (type, want) => {
    const meeting = { uuid: "u", topic: "t", ...(type === undefined ? {} : { type }) };
    const got = normalizeRecordingMeeting(meeting);
    expect(got.type).toBe(want);
    expect(got).toEqual({ ...meeting, ...(want === undefined ? {} : { type: want }) });
  });

  it("leaves the meeting it was given unchanged", () => {
    const meeting = { type: "2" as const };
    normalizeRecordingMeeting(meeting);
    expect(meeting.type).toBe("2");
  });
});
