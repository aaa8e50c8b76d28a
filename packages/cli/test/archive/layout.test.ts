import type { RecordingFile } from "@clipkit/zoom-cloud-recording";
import { describe, expect, it } from "vitest";
import {
  archivePath,
  clipPath,
  fileName,
  meetingFolder,
  safeName,
} from "../../src/archive/layout.js";

describe("safeName: one name Windows, macOS and Linux all accept", () => {
  it.each([
    { given: "Q3 review: plans/budget?", want: "Q3 review_ plans_budget_" },
    { given: 'Standup "daily" | team\\ops', want: "Standup _daily_ _ team_ops" },
    { given: "Design * critique <draft>", want: "Design _ critique _draft_" },
    { given: "Trailing dot.", want: "Trailing dot" },
    { given: "spaces at the end   ", want: "spaces at the end" },
    { given: "CON", want: "_CON" },
    { given: "COM1", want: "_COM1" },
    // Only the reserved names themselves: words that begin like them are fine.
    { given: "console", want: "console" },
    { given: "coma.txt", want: "coma.txt" },
    { given: "  leading and  inner\u00a0\u2003space ", want: "leading and inner space" },
    { given: "dots. . .", want: "dots" },
    { given: "lpt1.txt", want: "_lpt1.txt" },
    { given: "tab\there\u0000nul", want: "tab_here_nul" },
    { given: "..", want: "_" },
    { given: "", want: "_" },
    // NFD (as macOS hands names back) and NFC are one name.
    { given: "Mu\u0308ller", want: "M\u00fcller" },
    { given: "All hands 🎬", want: "All hands 🎬" },
  ])("$given → $want", ({ given, want }) => {
    expect(safeName(given)).toBe(want);
  });

  it("cuts long names on a code point, at 80", () => {
    const name = safeName("🎬".repeat(100));
    expect(Array.from(name)).toHaveLength(80);
    expect(name).toBe("🎬".repeat(80));
  });
});

describe("the archive layout", () => {
  const meeting = {
    uuid: "/ajXp112QmuoKj4854875==",
    id: 81000172439,
    topic: "Kundengespräch — Müller & Co.",
    start_time: "2024-03-05T14:30:00Z",
  };
  const file = {
    id: "6sndh09g-1234-5678",
    recording_type: "audio_transcript" as const,
    file_type: "TRANSCRIPT" as const,
    file_extension: "VTT" as const,
  };

  it("a folder per meeting: date, time (UTC), topic and ID", () => {
    expect(meetingFolder(meeting)).toBe(
      "2024-03-05 1430 Kundengespräch — Müller & Co (81000172439)",
    );
  });

  it("a file per recording type and ID start, lower-case extension", () => {
    expect(fileName(file)).toBe("audio_transcript-6sndh09g.vtt");
    expect(fileName({ ...file, id: "abcdefgh-2" })).not.toBe(fileName(file));
  });

  it.each<{ given: RecordingFile; want: string }>([
    { given: { id: "ab-cd_ef/gh12-34" }, want: "file-abcdefgh.bin" },
    { given: { file_type: "MP4" as const }, want: "MP4.mp4" },
    {
      // An extension the spec does not list, left empty by safeName.
      given: {
        id: "x1",
        recording_type: "chat_file",
        file_extension: ".",
      } as unknown as RecordingFile,
      want: "chat_file-x1.bin",
    },
  ])("a file the listing says little about: $want", ({ given, want }) => {
    expect(fileName(given)).toBe(want);
  });

  it("a start time that is no ISO time: undated", () => {
    expect(meetingFolder({ uuid: "x", start_time: "at 2024-03-05T14:30:00Z" })).toBe("undated");
  });

  it("user / meeting / file, the same on every run", () => {
    expect(archivePath("user@example.com", meeting, file)).toBe(
      "user@example.com/2024-03-05 1430 Kundengespräch — Müller & Co (81000172439)/audio_transcript-6sndh09g.vtt",
    );
    expect(meetingFolder({ uuid: "x" })).toBe("undated");
  });
});

describe("the clips layout", () => {
  it.each([
    {
      given: {
        clip_id: "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ",
        title: "Bug repro: login/2FA",
        created_date: "2024-10-11T01:51:50.631+00:00",
      },
      want: "me/clips/2024-10-11 0151 Bug repro_ login_2FA (A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ).mp4",
    },
    {
      given: { clip_id: "id/with:odd*chars", title: "", created_date: undefined },
      want: "me/clips/undated (id_with_odd_chars).mp4",
    },
    {
      // A long title is cut; the clip ID, which keeps names apart, never is.
      given: { clip_id: "abc123", title: "t".repeat(200), created_date: "2025-01-06T09:00:00Z" },
      want: `me/clips/${`2025-01-06 0900 ${"t".repeat(200)}`.slice(0, 80)} (abc123).mp4`,
    },
  ])("$want", ({ given, want }) => {
    expect(clipPath("me", given)).toBe(want);
  });
});
