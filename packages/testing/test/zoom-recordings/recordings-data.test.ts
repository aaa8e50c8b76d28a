import { describe, expect, it } from "vitest";
import { generateRecordings } from "../../src/zoom-recordings/data.js";
import { renderFile, renderMeeting } from "../../src/zoom-recordings/render.js";

describe("generateRecordings", () => {
  it("makes 12 meetings of 3 files for one user over 2024 by default", () => {
    const { users, meetings, accountId } = generateRecordings();
    expect(users).toHaveLength(1);
    expect(meetings).toHaveLength(12);
    // Spread evenly: meeting m on day floor(m * 366 / 12) of the leap year.
    expect(meetings.map((m) => m.startTime.slice(0, 10))).toEqual(
      Array.from({ length: 12 }, (_, m) =>
        new Date(Date.UTC(2024, 0, 1 + Math.floor((m * 366) / 12))).toISOString().slice(0, 10),
      ),
    );
    for (const [i, meeting] of meetings.entries()) {
      expect(meeting.hostId).toBe(users[0]?.id);
      expect(meeting.accountId).toBe(accountId);
      expect(
        meeting.files.map((f) => [f.fileType, f.fileExtension, f.recordingType, f.contentType]),
      ).toEqual([
        ["MP4", "MP4", "shared_screen_with_speaker_view", "video/mp4"],
        ["M4A", "M4A", "audio_only", "audio/mp4"],
        ["TRANSCRIPT", "VTT", "audio_transcript", "text/vtt"],
      ]);
      expect(meeting.type).toBe(i % 4 === 3 ? 8 : 2);
      expect(meeting.timezone).toBe("America/New_York");
      expect(meeting.passcode).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(meeting.id).toBeGreaterThanOrEqual(81_000_000_000 + i * 7_919);
      expect(meeting.id).toBeLessThan(81_000_000_000 + i * 7_919 + 7_000);
      expect(meeting.startTime).toMatch(/^2024-\d{2}-\d{2}T\d{2}:(00|15|30|45):00Z$/);
      const hour = Number(meeting.startTime.slice(11, 13));
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThan(18);
      expect(meeting.duration).toBeGreaterThanOrEqual(5);
      expect(meeting.duration).toBeLessThan(60);
      const start = Date.parse(meeting.startTime);
      for (const file of meeting.files) {
        expect(file.id).toMatch(/^[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{12}$/);
        expect(file.meetingUuid).toBe(meeting.uuid);
        expect(file.size).toBeGreaterThanOrEqual(16 * 1024);
        expect(file.size).toBeLessThanOrEqual(64 * 1024);
        expect(file.recordingStart).toBe(
          new Date(start + 5_000).toISOString().replace(".000Z", "Z"),
        );
        expect(file.recordingEnd).toBe(
          new Date(start + meeting.duration * 60_000).toISOString().replace(".000Z", "Z"),
        );
        expect(file.contentOffset).toBeLessThan(1 << 20);
      }
    }
    expect(meetings.map((m) => m.topic).slice(0, 9)).toEqual([
      "Weekly sync",
      "Q3 review: plans/budget?",
      "Kundengespräch — Müller & Co.",
      "CON",
      "Design * critique <draft>",
      "All hands 🎬",
      "Trailing dot.",
      'Standup "daily" | team\\ops',
      "Weekly sync",
    ]);
  });

  it("gives some meetings UUIDs that need double encoding, unless told not to", () => {
    const uuids = generateRecordings({ meetingsPerUser: 10 }).meetings.map((m) => m.uuid);
    for (const [i, uuid] of uuids.entries()) {
      expect(uuid).toMatch(/^[A-Za-z0-9+/]{20,22}==$/);
      if (i % 5 === 1) expect(uuid.startsWith("/")).toBe(true);
      else if (i % 5 === 3) expect(uuid.slice(8, 10)).toBe("//");
      else expect(uuid).not.toContain("/");
    }
    const plain = generateRecordings({ meetingsPerUser: 10, awkwardUuids: false }).meetings;
    for (const meeting of plain) expect(meeting.uuid).not.toContain("/");
  });

  it("takes users, counts, sizes, topics, a range and a seed", () => {
    const data = generateRecordings({
      users: 2,
      meetingsPerUser: 3,
      filesPerMeeting: 9,
      fileSize: 77,
      topics: ["A", "B"],
      from: "2025-03-01",
      to: "2025-03-03",
    });
    expect(data.users).toHaveLength(2);
    expect(data.meetings).toHaveLength(6);
    expect(data.meetings.map((m) => m.topic)).toEqual(["A", "B", "A", "B", "A", "B"]);
    expect(data.meetings.map((m) => m.startTime.slice(0, 10))).toEqual([
      "2025-03-01",
      "2025-03-02",
      "2025-03-03",
      "2025-03-01",
      "2025-03-02",
      "2025-03-03",
    ]);
    const files = data.meetings[0]?.files ?? [];
    expect(files.map((f) => f.size)).toEqual(Array(9).fill(77));
    expect(files.map((f) => f.recordingType)).toEqual([
      "shared_screen_with_speaker_view",
      "audio_only",
      "audio_transcript",
      "chat_file",
      "timeline",
      "closed_caption",
      "gallery_view",
      "active_speaker",
      "shared_screen_with_speaker_view",
    ]);
    const sized = generateRecordings({ meetingsPerUser: 30, fileSize: { min: 5, max: 6 } });
    expect(new Set(sized.meetings.flatMap((m) => m.files.map((f) => f.size)))).toEqual(
      new Set([5, 6]),
    );
    expect(generateRecordings({ seed: 9 })).toEqual(generateRecordings({ seed: 9 }));
    expect(generateRecordings({ seed: 9 }).meetings[0]?.uuid).not.toBe(
      generateRecordings().meetings[0]?.uuid,
    );
    expect(
      generateRecordings({ from: "2024-05-05", to: "2024-05-05" }).meetings.map((m) =>
        m.startTime.slice(0, 10),
      ),
    ).toEqual(Array(12).fill("2024-05-05"));
  });

  it("refuses dates that are not real, and a range that ends before it starts", () => {
    expect(() => generateRecordings({ from: "2024-13-01" })).toThrow(
      "from: expected YYYY-MM-DD, got 2024-13-01",
    );
    expect(() => generateRecordings({ to: "tomorrow" })).toThrow(
      "to: expected YYYY-MM-DD, got tomorrow",
    );
    expect(() => generateRecordings({ from: "2024-02-02", to: "2024-02-01" })).toThrow(
      "to is before from",
    );
  });

  it.each([
    [1048.576, "fileSize: expected a whole number of bytes, got 1048.576"],
    [-1, "fileSize: expected a whole number of bytes, got -1"],
    [{ min: 0.5, max: 10 }, "fileSize.min: expected a whole number of bytes, got 0.5"],
    [{ min: 1, max: Number.NaN }, "fileSize.max: expected a whole number of bytes, got NaN"],
    [{ min: 10, max: 9 }, "fileSize: max is below min"],
  ])("refuses a file size of %j: no download could read it", (fileSize, message) => {
    expect(() => generateRecordings({ fileSize })).toThrow(new RangeError(message));
  });

  it("takes whole sizes, zero included", () => {
    const sizes = (fileSize: number | { min: number; max: number }) =>
      generateRecordings({ meetingsPerUser: 2, fileSize }).meetings.flatMap((m) =>
        m.files.map((f) => f.size),
      );
    expect(new Set(sizes(0))).toEqual(new Set([0]));
    expect(sizes({ min: 5, max: 5 }).every((size) => size === 5)).toBe(true);
  });
});

describe("render", () => {
  const data = generateRecordings({ meetingsPerUser: 1, filesPerMeeting: 2, fileSize: 10 });
  const meeting = data.meetings[0];
  if (!meeting) throw new Error("no meeting");
  const [file, second] = meeting.files;
  if (!file || !second) throw new Error("no files");
  const origins = { api: "http://api" };

  it("renders a file with its URLs on the API host, and deleted_time when given", () => {
    const key = file.id.replaceAll("-", "");
    expect(renderFile(file, origins, undefined)).toEqual({
      id: file.id,
      meeting_id: meeting.uuid,
      recording_start: file.recordingStart,
      recording_end: file.recordingEnd,
      file_type: "MP4",
      file_extension: "MP4",
      file_size: 10,
      play_url: `http://api/rec/play/${key}`,
      download_url: `http://api/rec/download/${key}`,
      status: "completed",
      recording_type: "shared_screen_with_speaker_view",
    });
    expect(renderFile(file, origins, Date.UTC(2024, 0, 2, 3, 4, 5, 678)).deleted_time).toBe(
      "2024-01-02T03:04:05Z",
    );
  });

  it("renders a TIMELINE file as Zoom's example listing does: times, type and download URL only", () => {
    const timeline = generateRecordings({ meetingsPerUser: 1, filesPerMeeting: 5 }).meetings[0]
      ?.files[4];
    if (!timeline) throw new Error("no fifth file");
    expect(timeline.fileType).toBe("TIMELINE");
    expect(renderFile(timeline, origins, undefined)).toEqual({
      meeting_id: timeline.meetingUuid,
      recording_start: timeline.recordingStart,
      recording_end: timeline.recordingEnd,
      file_type: "TIMELINE",
      download_url: `http://api/rec/download/${timeline.id.replaceAll("-", "")}`,
    });
  });

  it("renders a meeting with the given files' total size and count", () => {
    const rendered = renderMeeting(meeting, meeting.files, origins);
    expect(rendered).toMatchObject({
      uuid: meeting.uuid,
      id: meeting.id,
      account_id: data.accountId,
      host_id: meeting.hostId,
      topic: meeting.topic,
      type: meeting.type,
      start_time: meeting.startTime,
      timezone: meeting.timezone,
      duration: meeting.duration,
      total_size: 20,
      recording_count: 2,
      share_url: `http://api/rec/share/${encodeURIComponent(meeting.passcode.slice(0, 16))}`,
      recording_play_passcode: meeting.passcode,
    });
    expect(renderMeeting(meeting, [second], origins)).toMatchObject({
      total_size: 10,
      recording_count: 1,
    });
    const files = rendered.recording_files as Array<Record<string, unknown>>;
    expect(files.map((f) => f.id)).toEqual([file.id, second.id]);
    expect(files[0]?.deleted_time).toBeUndefined();
  });

  it("gives trashed files the file's own trash time, else the meeting's, in the trash only", () => {
    const trashed = {
      ...meeting,
      trashedAt: Date.UTC(2024, 5, 1),
      files: [{ ...file, trashedAt: Date.UTC(2024, 4, 1) }, second],
    };
    const inTrash = renderMeeting(trashed, trashed.files, origins, true).recording_files as Array<
      Record<string, unknown>
    >;
    expect(inTrash.map((f) => f.deleted_time)).toEqual([
      "2024-05-01T00:00:00Z",
      "2024-06-01T00:00:00Z",
    ]);
    const outside = renderMeeting(trashed, trashed.files, origins).recording_files as Array<
      Record<string, unknown>
    >;
    expect(outside.map((f) => f.deleted_time)).toEqual([undefined, undefined]);
  });
});
